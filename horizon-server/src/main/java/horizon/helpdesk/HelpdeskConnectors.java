package horizon.helpdesk;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The connectors present in this build, one per {@link HelpdeskKind}. */
@Component
public class HelpdeskConnectors {

    private final Map<HelpdeskKind, HelpdeskConnector> byKind = new EnumMap<>(HelpdeskKind.class);

    public HelpdeskConnectors(List<HelpdeskConnector> connectors) {
        for (HelpdeskConnector connector : connectors) {
            if (byKind.put(connector.kind(), connector) != null) {
                throw new IllegalStateException("two connectors for " + connector.kind());
            }
        }
    }

    /** The connector for a PSA, empty when no adapter exists for it yet. */
    public Optional<HelpdeskConnector> forKind(HelpdeskKind kind) {
        return Optional.ofNullable(byKind.get(kind));
    }
}
