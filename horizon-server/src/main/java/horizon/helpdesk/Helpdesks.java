package horizon.helpdesk;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one registry of PSA adapters in this build: a feature asks it for the connector or reader of a kind and never
 * names an adapter. A PSA is available to connect exactly when its adapter is here.
 */
@Component
public class Helpdesks {

    private final Map<HelpdeskKind, HelpdeskAdapter> byKind = new EnumMap<>(HelpdeskKind.class);

    public Helpdesks(List<HelpdeskAdapter> adapters) {
        for (HelpdeskAdapter adapter : adapters) {
            if (byKind.put(adapter.kind(), adapter) != null) {
                throw new IllegalStateException("two adapters for " + adapter.kind());
            }
        }
    }

    /** Whether this build can connect the PSA. */
    public boolean available(HelpdeskKind kind) {
        return byKind.containsKey(kind);
    }

    /** The PSAs this build can connect, in {@link HelpdeskKind} order. */
    public List<HelpdeskKind> availableKinds() {
        return List.copyOf(byKind.keySet());
    }

    public Optional<HelpdeskAdapter> adapter(HelpdeskKind kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    /** @throws IllegalArgumentException when this build has no adapter for the PSA */
    public HelpdeskConnector connector(HelpdeskKind kind) {
        return require(kind).connector();
    }

    /** @throws IllegalArgumentException when this build has no adapter for the PSA */
    public HelpdeskReader reader(HelpdeskKind kind) {
        return require(kind).reader();
    }

    /** @throws IllegalArgumentException when this build has no adapter for the PSA */
    public HelpdeskWriter writer(HelpdeskKind kind) {
        return require(kind).writer();
    }

    private HelpdeskAdapter require(HelpdeskKind kind) {
        HelpdeskAdapter adapter = byKind.get(kind);
        if (adapter == null) {
            throw new IllegalArgumentException(kind.displayName() + " cannot be connected yet");
        }
        return adapter;
    }
}
