package io.insiders.api.accounts;

import java.util.Objects;

/**
 * A manager's account, as the account processor keeps it on {@code insiders.accounts.managers}
 * (JSON, keyed by the id in decimal, compacted). Every change the processor applies writes the whole
 * record again with a higher {@code version}.
 *
 * @param id the manager's id, given by the processor: 1, 2, 3...
 * @param username the name he signs in with (NFKC-normalized, case-sensitive as in Django)
 * @param email his contact address, where the credentials were sent
 * @param externalId his id in another organisation, or null
 * @param firstName his first name, possibly empty
 * @param lastName his last name, possibly empty
 * @param passwordHash the password's slow hash, as Spring Security's delegating encoder writes it ({@code {bcrypt}$2a$...})
 * @param passwordVersion 1 at registration, one more at each password change: a token carries the version it was issued
 *     under, so a change ends every earlier token
 * @param passwordChangedAt when the password was last set, epoch milliseconds (the processor's clock)
 * @param active false once the account is withdrawn (its username is free again; its id is never given again)
 * @param version one more at each change of the record, so that a reader never lets an older record hide a newer one
 * @param commandOffset the offset, on the commands topic, of the command that wrote this version: a command at or
 *     below the highest one applied is never applied again
 * @param createdAt when the account was registered, epoch milliseconds
 * @param updatedAt when the record last changed, epoch milliseconds
 */
public record Manager(long id, String username, String email, String externalId, String firstName, String lastName,
                      String passwordHash, int passwordVersion, long passwordChangedAt, boolean active, long version,
                      long commandOffset, long createdAt, long updatedAt) {

    public Manager {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        firstName = firstName == null ? "" : firstName;
        lastName = lastName == null ? "" : lastName;
    }

    /** This record with the given profile fields, one version later. */
    Manager withProfile(String newUsername, String newEmail, String newExternalId, String newFirstName, String newLastName,
                        long offset, long now) {
        return new Manager(id, newUsername, newEmail, newExternalId, newFirstName, newLastName, passwordHash, passwordVersion,
                passwordChangedAt, active, version + 1, offset, createdAt, now);
    }

    /** This record with a new password hash: the password version moves on, which ends the earlier tokens. */
    Manager withPassword(String newHash, long offset, long now) {
        return new Manager(id, username, email, externalId, firstName, lastName, newHash, passwordVersion + 1, now, active,
                version + 1, offset, createdAt, now);
    }

    /** This record withdrawn: its username is released, its id stays taken. */
    Manager deactivated(long offset, long now) {
        return new Manager(id, username, email, externalId, firstName, lastName, passwordHash, passwordVersion,
                passwordChangedAt, false, version + 1, offset, createdAt, now);
    }

    /** Never shows the hash: records end up in logs and assertion messages. */
    @Override
    public String toString() {
        return "Manager[id=" + id + ", username=" + username + ", active=" + active + ", version=" + version + "]";
    }
}
