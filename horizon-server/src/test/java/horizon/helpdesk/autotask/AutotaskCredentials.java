package horizon.helpdesk.autotask;

import horizon.helpdesk.HelpdeskCredentials;
import horizon.simulator.autotask.ApiUser;
import java.util.LinkedHashMap;
import java.util.Map;

/** Autotask credentials as the connector's fields name them, for tests in any package. */
public final class AutotaskCredentials {

    private AutotaskCredentials() {
    }

    public static HelpdeskCredentials of(String userName, String secret, String integrationCode) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(AutotaskApi.USER_NAME, userName);
        values.put(AutotaskApi.SECRET, secret);
        values.put(AutotaskApi.INTEGRATION_CODE, integrationCode);
        return HelpdeskCredentials.of(values);
    }

    public static HelpdeskCredentials of(ApiUser user) {
        return of(user.userName(), user.secret(), user.integrationCode());
    }
}
