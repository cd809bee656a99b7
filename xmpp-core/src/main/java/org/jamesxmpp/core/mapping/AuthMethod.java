package org.jamesxmpp.core.mapping;

/** How the peer domain of an incoming stream was authenticated. */
public enum AuthMethod {
    DIALBACK("dialback"),
    SASL_EXTERNAL("sasl-external"),
    /** Not a peer server: one of our users, logged in on the client listener (SASL PLAIN). */
    CLIENT_SASL("c2s-sasl");

    private final String token;

    AuthMethod(String token) {
        this.token = token;
    }

    /** The name written into {@code Authentication-Results}. */
    public String token() {
        return token;
    }
}
