package horizon.demo;

import horizon.account.Accounts;
import horizon.account.ApiTokens;
import horizon.account.HorizonUser;
import horizon.account.IssuedToken;
import horizon.simulator.autotask.ApiUser;
import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.connectwise.ApiMember;
import horizon.simulator.connectwise.ConnectWiseSimulator;
import horizon.web.PublicUrl;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo mode's account: makes sure "Demo MSP" and its admin exist, gives the admin a fresh password and API token on
 * every start (only hashes are stored, so old ones cannot be shown again), and prints one banner with everything needed
 * to sign in and connect the simulated Autotask. The banner goes to the console, not the log.
 */
@Component
@ConditionalOnProperty(name = "horizon.demo.enabled", havingValue = "true")
class PreparingDemoAccount {

    static final String ACCOUNT_NAME = "Demo MSP";
    static final String ADMIN_EMAIL = "admin@demo.horizon.local";
    static final String TOKEN_NAME = "demo";

    private final Accounts accounts;
    private final ApiTokens tokens;
    private final PublicUrl publicUrl;
    private final AutotaskSimulator simulator;
    private final ConnectWiseSimulator connectWise;
    private final PrintStream console;

    PreparingDemoAccount(Accounts accounts, ApiTokens tokens, PublicUrl publicUrl,
                         @Qualifier(DemoSimulator.BEAN_NAME) AutotaskSimulator simulator,
                         @Qualifier(DemoSimulator.CONNECTWISE_BEAN_NAME) ConnectWiseSimulator connectWise) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.publicUrl = publicUrl;
        this.simulator = simulator;
        this.connectWise = connectWise;
        this.console = System.out;
    }

    @EventListener(ApplicationReadyEvent.class)
    void prepare() {
        String password = newPassword();
        HorizonUser admin = accounts.userByEmail(ADMIN_EMAIL)
                .map(existing -> {
                    accounts.changePassword(existing.accountId(), existing.id(), password);
                    return existing;
                })
                .orElseGet(() -> accounts.openAccount(ACCOUNT_NAME, ADMIN_EMAIL, "Demo Admin", password));
        tokens.revokeNamed(admin.accountId(), admin.id(), TOKEN_NAME);
        IssuedToken token = tokens.issue(admin.accountId(), admin.id(), TOKEN_NAME);
        console.println(banner(password, token.plaintext(), simulator.apiUser(), connectWise));
    }

    String banner(String password, String token, ApiUser autotask, ConnectWiseSimulator connectWise) {
        ApiMember member = connectWise.apiMember();
        String url = publicUrl.get();
        String line = "=".repeat(78);
        return String.join(System.lineSeparator(),
                "",
                line,
                " Horizon demo is running: " + url,
                "",
                " Sign in:      " + ADMIN_EMAIL,
                " Password:     " + password,
                " API token:    " + token,
                "               curl -H 'Authorization: Bearer " + token + "' " + url + "/api/v1/me",
                "",
                " Open " + url + "/admin/onboarding, choose a PSA and paste its credentials.",
                "",
                " Simulated Autotask:",
                "   API Username:         " + autotask.userName(),
                "   API Secret:           " + autotask.secret(),
                "   API Integration Code: " + autotask.integrationCode(),
                "   There is no zone to enter: Horizon discovers it from the username.",
                "",
                " Simulated ConnectWise PSA (control API " + connectWise.controlUrl() + "):",
                "   Site:                 On-premise (your own host)",
                "   On-premise host:      " + connectWise.siteUrl().replaceAll("/$", ""),
                "   Company ID:           " + member.companyId(),
                "   Public key:           " + member.publicKey(),
                "   Private key:          " + member.privateKey(),
                "   Horizon sends its clientId (" + connectWise.clientId() + ") itself.",
                "",
                " Demo data lives in ./data/demo. A new password and token are printed on every start.",
                " Stop with Ctrl+C.",
                line,
                "");
    }

    private static String newPassword() {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
