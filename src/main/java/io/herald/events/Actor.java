package io.herald.events;

/**
 * Who made a change: an API key (its id and name), the admin token, or Herald itself (publication,
 * sweeps, repeating posts). {@code id} and {@code name} are null but for API keys.
 */
public record Actor(Kind kind, String id, String name) {

    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, null, null);

    public static final Actor ADMIN = new Actor(Kind.ADMIN, null, null);

    public static Actor apiKey(String id, String name) {
        return new Actor(Kind.API_KEY, id, name);
    }

    public enum Kind {
        API_KEY("api-key"),
        ADMIN("admin"),
        SYSTEM("system");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Kind ofWire(String wire) {
            for (var kind : values()) {
                if (kind.wire.equals(wire)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("No actor kind " + wire);
        }
    }
}
