package horizon.mirror;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A typed column of a mirror table: its name, how it is bound and read on both H2 and PostgreSQL, and how much it holds
 * ({@code maxLength} characters for a bounded varchar, 0 when unbounded).
 */
record Column(String name, Type type, int maxLength) {

    /** numeric(9, 4) holds values below this. */
    private static final BigDecimal NUMERIC_LIMIT = new BigDecimal("100000");

    /** The few SQL types the mirror uses; each binds and reads the same Java type on both stores. */
    enum Type {
        BIGINT(Types.BIGINT, "bigint"),
        VARCHAR(Types.VARCHAR, "varchar"),
        TEXT(Types.VARCHAR, "text"),
        BOOLEAN(Types.BOOLEAN, "boolean"),
        NUMERIC(Types.NUMERIC, "numeric(9, 4)"),
        DATE(Types.DATE, "date"),
        TIMESTAMPTZ(Types.TIMESTAMP_WITH_TIMEZONE, "timestamp with time zone");

        /** The JDBC type a null is bound as, so that PostgreSQL knows the parameter's type. */
        final int jdbcType;
        /** The SQL type a parameter is cast to inside a MERGE's VALUES, where neither store can infer it. */
        final String sqlType;

        Type(int jdbcType, String sqlType) {
            this.jdbcType = jdbcType;
            this.sqlType = sqlType;
        }
    }

    static Column bigint(String name) {
        return new Column(name, Type.BIGINT, 0);
    }

    static Column varchar(String name) {
        return new Column(name, Type.VARCHAR, 0);
    }

    /** A varchar of at most {@code maxLength} characters, as its table declares it. */
    static Column varchar(String name, int maxLength) {
        return new Column(name, Type.VARCHAR, maxLength);
    }

    static Column text(String name) {
        return new Column(name, Type.TEXT, 0);
    }

    static Column bool(String name) {
        return new Column(name, Type.BOOLEAN, 0);
    }

    static Column numeric(String name) {
        return new Column(name, Type.NUMERIC, 0);
    }

    static Column date(String name) {
        return new Column(name, Type.DATE, 0);
    }

    static Column timestamp(String name) {
        return new Column(name, Type.TIMESTAMPTZ, 0);
    }

    /** What of the value the column holds: a bounded varchar's first characters, no number it cannot hold. */
    Object fit(Object value) {
        if (value instanceof String text && maxLength > 0 && text.length() > maxLength) {
            return text.substring(0, maxLength);
        }
        if (value instanceof BigDecimal number && type == Type.NUMERIC && number.abs().compareTo(NUMERIC_LIMIT) >= 0) {
            return null;
        }
        return value;
    }

    /** Why the value does not fit the column, in words; null when it fits. */
    String misfit(Object value) {
        if (value instanceof String text && maxLength > 0 && text.length() > maxLength) {
            return name + " has " + text.length() + " characters; the first " + maxLength + " are stored";
        }
        if (value instanceof BigDecimal number && type == Type.NUMERIC && number.abs().compareTo(NUMERIC_LIMIT) >= 0) {
            return name + " is " + number.toPlainString() + ", beyond what Horizon stores; it is left empty";
        }
        return null;
    }

    void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, type.jdbcType);
        } else if (value instanceof Instant instant) {
            // OffsetDateTime is the java.time type both drivers map to timestamp with time zone.
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else {
            statement.setObject(index, value);
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static LocalDate localDate(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    /** Reads a numeric without the column's padding scale, so 1.5 comes back as 1.5 rather than 1.5000. */
    static BigDecimal decimal(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
