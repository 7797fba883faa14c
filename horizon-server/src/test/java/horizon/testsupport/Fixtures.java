package horizon.testsupport;

import horizon.account.Accounts;
import horizon.account.ApiTokens;
import horizon.account.HorizonUser;
import horizon.account.Role;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/** Creates an account with an admin and an agent, each with a password and a personal API token, in one call. */
public final class Fixtures {

    /** A user created for a test, with the plaintext password and token the test signs in with. */
    public record TestUser(long id, long accountId, String email, String displayName, String password, Role role,
                           String token) {
    }

    /** An account created for a test. */
    public record TestAccount(long id, String name, String accountKey, TestUser admin, TestUser agent) {
    }

    private final Accounts accounts;
    private final ApiTokens tokens;

    public Fixtures(ApplicationContext context) {
        this.accounts = context.getBean(Accounts.class);
        this.tokens = context.getBean(ApiTokens.class);
    }

    /** A new account named {@code label} plus a unique suffix, so tests sharing one database never collide. */
    public TestAccount account(String label) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String name = label + " " + unique;
        String domain = label.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + unique + ".test";
        String adminPassword = "admin-pass-" + unique;
        HorizonUser admin = accounts.openAccount(name, "admin@" + domain, label + " Admin " + unique, adminPassword);
        String agentPassword = "agent-pass-" + unique;
        HorizonUser agent = accounts.addUser(admin.accountId(), "agent@" + domain, label + " Agent " + unique,
                agentPassword, Role.AGENT);
        String adminToken = tokens.issue(admin.accountId(), admin.id(), label + " admin token " + unique).plaintext();
        String agentToken = tokens.issue(admin.accountId(), agent.id(), label + " agent token " + unique).plaintext();
        String key = accounts.account(admin.accountId()).orElseThrow().accountKey();
        return new TestAccount(admin.accountId(), name, key,
                new TestUser(admin.id(), admin.accountId(), admin.email(), admin.displayName(), adminPassword,
                        Role.ADMIN, adminToken),
                new TestUser(agent.id(), agent.accountId(), agent.email(), agent.displayName(), agentPassword,
                        Role.AGENT, agentToken));
    }
}
