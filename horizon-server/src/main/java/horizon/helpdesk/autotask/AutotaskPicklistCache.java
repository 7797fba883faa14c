package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskException.Kind;
import horizon.helpdesk.PicklistValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The picklist values writes pick by label (note publish and type, ticket status, priority, queue), read through
 * {@link AutotaskReader#picklists(HelpdeskCredentials, AutotaskCollection)} and kept an hour per tenant: codes differ
 * between Autotask databases, and admins rarely change them.
 */
final class AutotaskPicklistCache {

    static final Duration KEPT = Duration.ofHours(1);

    private final AutotaskReader reader;
    private final Clock clock;
    private final Map<Key, Read> read = new ConcurrentHashMap<>();

    AutotaskPicklistCache(AutotaskReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    private record Key(String tenant, AutotaskCollection collection) {
    }

    private record Read(List<PicklistValue> values, Instant at) {
    }

    /** The values of one picklist field, inactive ones included. */
    List<PicklistValue> values(HelpdeskCredentials credentials, AutotaskCollection collection, String field) {
        Key key = new Key(credentials.value(AutotaskApi.USER_NAME), collection);
        Instant now = clock.instant();
        Read known = read.get(key);
        if (known == null || !now.isBefore(known.at().plus(KEPT))) {
            known = new Read(reader.picklists(credentials, collection), now);
            read.put(key, known);
        }
        return known.values().stream().filter(v -> v.field().equals(field)).toList();
    }

    /** The code of the active value with this label; NOT_FOUND when the database has none. */
    String code(HelpdeskCredentials credentials, AutotaskCollection collection, String field, String label) {
        return labelled(values(credentials, collection, field), label).map(PicklistValue::value)
                .orElseThrow(() -> missing(collection, field, "no active value labelled \"" + label + "\""));
    }

    /** The code a technician's form preselects: the active default value, else the first active one. */
    String preselected(HelpdeskCredentials credentials, AutotaskCollection collection, String field) {
        return preselected(values(credentials, collection, field)).map(PicklistValue::value)
                .orElseThrow(() -> missing(collection, field, "no active value"));
    }

    /** The active value with this label, ignoring case. */
    static Optional<PicklistValue> labelled(List<PicklistValue> values, String label) {
        return active(values).filter(v -> v.label() != null && v.label().equalsIgnoreCase(label)).findFirst();
    }

    /** The active default value, else the first active one in the PSA's order. */
    static Optional<PicklistValue> preselected(List<PicklistValue> values) {
        return active(values).filter(PicklistValue::defaultValue).findFirst().or(() -> active(values).findFirst());
    }

    static HelpdeskException missing(AutotaskCollection collection, String field, String what) {
        return HelpdeskException.local(Kind.NOT_FOUND, "Autotask's " + collection.path() + " " + field
                + " picklist has " + what + ". Check it under Admin › Features & Settings in Autotask.", null);
    }

    private static java.util.stream.Stream<PicklistValue> active(List<PicklistValue> values) {
        return values.stream().filter(PicklistValue::active).sorted(Comparator.comparingInt(PicklistValue::sortOrder));
    }
}
