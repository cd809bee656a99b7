package org.jamesxmpp.core.mapping;

/** How the peer domain of an incoming stream was authenticated. */
public enum AuthMethod {
    DIALBACK("x-xmpp-s2s", "dialback", "smtp.mailfrom"),
    SASL_EXTERNAL("x-xmpp-s2s", "sasl-external", "smtp.mailfrom"),
    /**
     * Not a peer server: one of our users, logged in on the client listener with SASL PLAIN. Like SMTP AUTH, it is
     * RFC 8601's {@code auth} method.
     */
    CLIENT_SASL_PLAIN("auth", "xmpp c2s, sasl-plain", "smtp.auth"),
    /** One of our users, logged in on the client listener with SASL SCRAM-SHA-512. */
    CLIENT_SASL_SCRAM_SHA_512("auth", "xmpp c2s, sasl-scram-sha-512", "smtp.auth");

    private final String resultMethod;
    private final String token;
    private final String senderProperty;

    AuthMethod(String resultMethod, String token, String senderProperty) {
        this.resultMethod = resultMethod;
        this.token = token;
        this.senderProperty = senderProperty;
    }

    /** The method of the {@code Authentication-Results} result (RFC 8601 2.7). */
    public String resultMethod() {
        return resultMethod;
    }

    /** The result's property that names the sender (RFC 8601 2.7.4 for {@code auth}). */
    public String senderProperty() {
        return senderProperty;
    }

    /** How it was done, written into the result's comment. */
    public String token() {
        return token;
    }
}
