package horizon.helpdesk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values an admin entered to connect a PSA, keyed by {@link CredentialField#name()}; which keys exist is the
 * connector's business. Sealed and stored as one envelope per connection.
 *
 * <p>{@link #toString()} never prints a value, so credentials that end up in a log line or an exception leak nothing.
 *
 * @param values field name to value, trimmed (copied keys often carry a stray space or line break)
 */
public record HelpdeskCredentials(Map<String, String> values) {

    public HelpdeskCredentials {
        Map<String, String> trimmed = new LinkedHashMap<>();
        values.forEach((name, value) -> trimmed.put(name, value == null ? "" : value.strip()));
        values = Collections.unmodifiableMap(trimmed);
    }

    public static HelpdeskCredentials of(Map<String, String> values) {
        return new HelpdeskCredentials(values);
    }

    /** The value of a field, "" when it was not given. */
    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    /** Only the fields the connector describes, in its order; anything else posted is dropped. */
    public HelpdeskCredentials restrictedTo(List<CredentialField> fields) {
        Map<String, String> kept = new LinkedHashMap<>();
        fields.forEach(f -> kept.put(f.name(), value(f.name())));
        return new HelpdeskCredentials(kept);
    }

    /** The required fields left blank, as problems in form order. */
    public List<CredentialField.Problem> blankRequired(List<CredentialField> fields) {
        List<CredentialField.Problem> blank = new ArrayList<>();
        for (CredentialField field : fields) {
            if (field.required() && value(field.name()).isEmpty()) {
                blank.add(new CredentialField.Problem(field.name(), field.label(), field.label() + " is empty"));
            }
        }
        return List.copyOf(blank);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("HelpdeskCredentials[");
        values.forEach((name, value) -> text.append(text.length() > 20 ? ", " : "").append(name).append('=')
                .append(value.isEmpty() ? "" : "(set)"));
        return text.append(']').toString();
    }
}
