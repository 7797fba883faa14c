package horizon.simulator.autotask.http;

import horizon.simulator.autotask.ApiUser;
import horizon.simulator.autotask.SecurityLevel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The API users of the database and the integration codes (API tracking identifiers) it accepts. */
public final class Credentials {
    /** One API user with its security level. */
    public record Entry(ApiUser user, SecurityLevel level) {
    }

    private final Map<String, Entry> byUserName = new ConcurrentHashMap<>();
    private final Set<String> integrationCodes = ConcurrentHashMap.newKeySet();

    public void add(ApiUser user, SecurityLevel level) {
        byUserName.put(user.userName().toLowerCase(Locale.ROOT), new Entry(user, level));
        integrationCodes.add(user.integrationCode());
    }

    /** User names are matched ignoring case, as Autotask matches e-mail style keys. */
    public Optional<Entry> find(String userName) {
        return userName == null ? Optional.empty() : Optional.ofNullable(byUserName.get(userName.toLowerCase(Locale.ROOT)));
    }

    public boolean acceptsIntegrationCode(String code) {
        return code != null && integrationCodes.contains(code);
    }

    public List<Entry> all() {
        return List.copyOf(byUserName.values());
    }
}
