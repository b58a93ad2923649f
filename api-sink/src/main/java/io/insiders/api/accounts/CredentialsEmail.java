package io.insiders.api.accounts;

/** The email that gives a new manager his credentials: the one place his generated password ever goes. */
final class CredentialsEmail {

    private CredentialsEmail() {
    }

    static String text(Manager manager, String password) {
        String name = (manager.firstName() + " " + manager.lastName()).strip();
        return "Hello" + (name.isEmpty() ? "" : " " + name) + ",\n"
                + "\n"
                + "Your manager account on Insiders is ready.\n"
                + "\n"
                + "Username: " + manager.username() + "\n"
                + "Password: " + password + "\n"
                + "\n"
                + "Sign in to the Insiders API with HTTP Basic, or exchange these credentials for a token at\n"
                + "POST /api/v1/auth/token/ and send it as \"Authorization: Token <token>\".\n"
                + "Choose a password of your own with PUT /api/v1/managers/" + manager.id() + "/password/.\n";
    }
}
