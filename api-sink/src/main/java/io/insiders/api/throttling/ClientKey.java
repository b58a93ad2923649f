package io.insiders.api.throttling;

/**
 * Whom a request counts against: an authenticated user by name, or else the address it came from.
 * Users and addresses never share a bucket, even when a user name looks like an address.
 *
 * @param id the user's name or the client's address
 * @param user whether {@code id} is an authenticated user (who gets the user rate)
 */
public record ClientKey(String id, boolean user) {

    /** An authenticated user, by the principal's name. */
    public static ClientKey user(String name) {
        return new ClientKey(name, true);
    }

    /** A client that is not authenticated, by its address. */
    public static ClientKey address(String address) {
        return new ClientKey(address, false);
    }
}
