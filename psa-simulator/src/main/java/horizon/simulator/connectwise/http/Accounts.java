package horizon.simulator.connectwise.http;

import horizon.simulator.connectwise.rest.ApiError;
import horizon.simulator.connectwise.store.Permission;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may call the site: the company id, each API member's key pair, the permissions of each security role, and the
 * clientIds ConnectWise has disabled. Every credential failure answers the same 401, as ConnectWise does not say which
 * part was wrong.
 */
public final class Accounts {
    /** An authenticated caller. */
    public record Caller(long memberId, String identifier, String roleName, Set<Permission> permissions) {
    }

    /** An API key pair of a member. */
    public record Key(String publicKey, String privateKey, long memberId, String identifier, long roleId) {
    }

    private final String companyId;
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final Map<Long, Set<Permission>> roles = new ConcurrentHashMap<>();
    private final Map<Long, String> roleNames = new ConcurrentHashMap<>();
    private final Set<String> disabledClientIds = ConcurrentHashMap.newKeySet();

    public Accounts(String companyId) {
        this.companyId = companyId;
    }

    public String companyId() {
        return companyId;
    }

    public void addKey(Key key) {
        keys.put(key.publicKey(), key);
    }

    /** Deletes a key pair: requests signed with it are refused from now on. */
    public void removeKey(String publicKey) {
        keys.remove(publicKey);
    }

    public List<Key> keys() {
        return List.copyOf(keys.values());
    }

    public void defineRole(long roleId, String name, Set<Permission> permissions) {
        roleNames.put(roleId, name);
        roles.put(roleId, permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions));
    }

    /** Grants or withdraws one permission of a role, e.g. to see what a client does with a 403. */
    public void setPermission(long roleId, Permission permission, boolean granted) {
        roles.computeIfPresent(roleId, (id, set) -> {
            Set<Permission> copy = set.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(set);
            if (granted) {
                copy.add(permission);
            } else {
                copy.remove(permission);
            }
            return copy;
        });
    }

    public Set<Permission> permissions(long roleId) {
        return Set.copyOf(roles.getOrDefault(roleId, Set.of()));
    }

    public void disableClientId(String clientId, boolean disabled) {
        if (disabled) {
            disabledClientIds.add(clientId.toLowerCase(java.util.Locale.ROOT));
        } else {
            disabledClientIds.remove(clientId.toLowerCase(java.util.Locale.ROOT));
        }
    }

    public boolean isDisabled(String clientId) {
        return disabledClientIds.contains(clientId.toLowerCase(java.util.Locale.ROOT));
    }

    /** Checks {@code Authorization: Basic base64(company+public:private)}. */
    public Caller authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw unauthenticated();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthenticated();
        }
        int colon = decoded.indexOf(':');
        int plus = decoded.indexOf('+');
        if (colon < 0 || plus < 0 || plus > colon) {
            throw unauthenticated();
        }
        String company = decoded.substring(0, plus);
        String publicKey = decoded.substring(plus + 1, colon);
        String privateKey = decoded.substring(colon + 1);
        Key key = keys.get(publicKey);
        if (!company.equalsIgnoreCase(companyId) || key == null || !key.privateKey().equals(privateKey)) {
            throw unauthenticated();
        }
        return new Caller(key.memberId(), key.identifier(), roleNames.getOrDefault(key.roleId(), "?"),
                roles.getOrDefault(key.roleId(), Set.of()));
    }

    private static ApiError unauthenticated() {
        return new ApiError(401, "Unauthorized", "Password and username combination was incorrect.");
    }
}
