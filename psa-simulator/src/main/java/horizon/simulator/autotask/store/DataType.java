package horizon.simulator.autotask.store;

import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The data types Autotask's field metadata names, with how a value of each is held in a row and written as JSON. */
public enum DataType {
    INTEGER, LONG, SHORT, DOUBLE, BOOLEAN, STRING, DATETIME;

    /** The {@code dataType} text of {@code entityInformation/fields}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DataType fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public boolean isWholeNumber() {
        return this == INTEGER || this == LONG || this == SHORT;
    }

    /**
     * Converts a JSON value sent by a client into the row representation (Long, Double, Boolean, String, Instant).
     *
     * @throws IllegalArgumentException when the value does not fit the type
     */
    public Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return switch (this) {
            case INTEGER, LONG, SHORT -> {
                if (node.isIntegralNumber()) {
                    yield node.asLong();
                }
                if (node.isNumber() && node.asDouble() == Math.rint(node.asDouble())) {
                    yield (long) node.asDouble();
                }
                if (node.isString()) {
                    String text = node.asString().trim();
                    if (text.isEmpty()) {
                        yield null;
                    }
                    try {
                        yield Long.parseLong(text);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + text + "' is not a valid " + wireName());
                    }
                }
                throw new IllegalArgumentException("'" + node + "' is not a valid " + wireName());
            }
            case DOUBLE -> {
                if (node.isNumber()) {
                    yield node.asDouble();
                }
                if (node.isString()) {
                    try {
                        yield Double.parseDouble(node.asString().trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + node.asString() + "' is not a valid double");
                    }
                }
                throw new IllegalArgumentException("'" + node + "' is not a valid double");
            }
            case BOOLEAN -> {
                if (node.isBoolean()) {
                    yield node.asBoolean();
                }
                if (node.isString() && (node.asString().equalsIgnoreCase("true") || node.asString().equalsIgnoreCase("false"))) {
                    yield Boolean.parseBoolean(node.asString());
                }
                throw new IllegalArgumentException("'" + node + "' is not a valid boolean");
            }
            case STRING -> node.isValueNode() ? node.asString() : node.toString();
            case DATETIME -> {
                if (!node.isString()) {
                    throw new IllegalArgumentException("'" + node + "' is not a valid datetime");
                }
                yield Timestamps.parse(node.asString());
            }
        };
    }

    /** Streams a row value under {@code name}, null included. */
    public void write(tools.jackson.core.JsonGenerator g, String name, Object value) {
        g.writeName(name);
        if (value == null) {
            g.writeNull();
            return;
        }
        switch (this) {
            case INTEGER, LONG, SHORT -> g.writeNumber((Long) value);
            case DOUBLE -> g.writeNumber((Double) value);
            case BOOLEAN -> g.writeBoolean((Boolean) value);
            case STRING -> g.writeString((String) value);
            case DATETIME -> g.writeString(Timestamps.format((Instant) value));
        }
    }

    /** Writes a row value under {@code name}, null included, as Autotask does. */
    public void write(ObjectNode target, String name, Object value) {
        if (value == null) {
            target.putNull(name);
            return;
        }
        switch (this) {
            case INTEGER, LONG, SHORT -> target.put(name, (Long) value);
            case DOUBLE -> target.put(name, (Double) value);
            case BOOLEAN -> target.put(name, (Boolean) value);
            case STRING -> target.put(name, (String) value);
            case DATETIME -> target.put(name, Timestamps.format((Instant) value));
        }
    }
}
