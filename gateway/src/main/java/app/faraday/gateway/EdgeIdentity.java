package app.faraday.gateway;

/**
 * Who a request comes from, as far as the gateway decides: nobody (no token), the subject of a token
 * that verified, or a token that did not (refused on protected paths, ignored on public ones).
 */
record EdgeIdentity(String subject, boolean invalid) {

    static final EdgeIdentity ANONYMOUS = new EdgeIdentity(null, false);
    static final EdgeIdentity INVALID = new EdgeIdentity(null, true);

    static EdgeIdentity of(String subject) {
        return new EdgeIdentity(subject, false);
    }
}
