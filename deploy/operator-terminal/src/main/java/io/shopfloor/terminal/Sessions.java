package io.shopfloor.terminal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Logged-in sessions: a random id (the cookie), the user, a CSRF token every POST must send back in a header, an
 * absolute expiry, and the form tokens issued to the session. Bounded: beyond {@code maxSessions} the oldest session
 * ends; beyond {@link #MAX_FORMS} per session the oldest form token is forgotten.
 */
public final class Sessions {
    /** Form tokens remembered per session: a person fills in far fewer forms than this in a shift. */
    static final int MAX_FORMS = 500;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration lifetime;
    private final int maxSessions;
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>();

    /** A form token's state: issued, or posted (its token is the posted journal line's source id). */
    public static final class Form {
        private boolean posted;

        /** True for the first Post of this form; false for a second one (a double click, a resend). */
        public synchronized boolean claim() {
            boolean first = !posted;
            posted = true;
            return first;
        }

        /** The Post did not reach Kafka: the form may be posted again. */
        public synchronized void release() {
            posted = false;
        }
    }

    public static final class Session {
        private final String id;
        private final User user;
        private final String csrfToken;
        private final Instant expiresAt;
        private final LinkedHashMap<String, Form> forms = new LinkedHashMap<>();

        Session(String id, User user, String csrfToken, Instant expiresAt) {
            this.id = id;
            this.user = user;
            this.csrfToken = csrfToken;
            this.expiresAt = expiresAt;
        }

        public String id() {
            return id;
        }

        public User user() {
            return user;
        }

        public String csrfToken() {
            return csrfToken;
        }

        public Instant expiresAt() {
            return expiresAt;
        }

        /** A new form token: the source id of the journal line the form posts (no '/', as the job requires). */
        public synchronized String newForm() {
            String token = randomToken();
            forms.put(token, new Form());
            if (forms.size() > MAX_FORMS) {
                Iterator<String> oldest = forms.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            return token;
        }

        public synchronized Optional<Form> form(String token) {
            return Optional.ofNullable(forms.get(token));
        }
    }

    public Sessions(Clock clock, Duration lifetime, int maxSessions) {
        this.clock = clock;
        this.lifetime = lifetime;
        this.maxSessions = maxSessions;
    }

    public synchronized Session start(User user) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !s.expiresAt.isAfter(now));
        Session session = new Session(randomToken(), user, randomToken(), now.plus(lifetime));
        sessions.put(session.id, session);
        if (sessions.size() > maxSessions) {
            Iterator<String> oldest = sessions.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return session;
    }

    /** The session of a cookie value, if it exists; {@code expired} tells an expired one from an unknown one. */
    public synchronized Lookup find(String id) {
        Session session = id == null ? null : sessions.get(id);
        if (session == null) {
            return new Lookup(null, false);
        }
        if (!session.expiresAt.isAfter(clock.instant())) {
            sessions.remove(id);
            return new Lookup(null, true);
        }
        return new Lookup(session, false);
    }

    public record Lookup(Session session, boolean expired) {
    }

    public synchronized void end(String id) {
        sessions.remove(id);
    }

    public Duration lifetime() {
        return lifetime;
    }

    static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
