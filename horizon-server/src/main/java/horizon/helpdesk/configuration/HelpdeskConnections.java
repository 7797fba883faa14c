package horizon.helpdesk.configuration;

import horizon.helpdesk.ConnectionTestResult;
import horizon.helpdesk.HelpdeskConnectors;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskKind;
import horizon.secret.SecretBox;
import horizon.secret.SecretBoxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Tests, stores and re-tests an account's helpdesk connection, and keeps its sync settings.
 *
 * <p>Credentials enter here in clear, are sealed with the account id and field name as associated data (so an
 * envelope copied to another account does not open), and leave only masked.
 */
@Service
public class HelpdeskConnections {

    private static final Logger log = LoggerFactory.getLogger(HelpdeskConnections.class);

    private static final String UNREADABLE = "The stored credentials cannot be opened with this node's master key "
            + "(HORIZON_MASTER_KEY or the key file changed). Replace the credentials to connect again.";

    private final HelpdeskConnectors connectors;
    private final HelpdeskConnectionRepository repository;
    private final SecretBox secretBox;
    private final Clock clock;

    HelpdeskConnections(HelpdeskConnectors connectors, HelpdeskConnectionRepository repository, SecretBox secretBox,
                        Clock clock) {
        this.connectors = connectors;
        this.repository = repository;
        this.secretBox = secretBox;
        this.clock = clock;
    }

    /** Runs the PSA's connection test; never throws for a PSA failure, it becomes the outcome. */
    public ConnectionTestOutcome test(HelpdeskKind kind, HelpdeskCredentials credentials) {
        var connector = connectors.forKind(kind).filter(c -> kind.available());
        if (connector.isEmpty()) {
            throw new IllegalArgumentException(kind.displayName() + " cannot be connected yet");
        }
        try {
            return ConnectionTestOutcome.succeeded(connector.get().testConnection(credentials));
        } catch (HelpdeskException failure) {
            return ConnectionTestOutcome.failed(failure);
        }
    }

    /** Stores credentials that have just passed {@link #test}, replacing any earlier connection of the account. */
    public HelpdeskConnection connect(long accountId, HelpdeskKind kind, HelpdeskCredentials credentials,
                                      ConnectionTestResult tested) {
        Instant now = clock.instant();
        Instant createdAt = repository.find(accountId).map(HelpdeskConnection::createdAt).orElse(now);
        var connection = new HelpdeskConnection(accountId, kind, seal(accountId, credentials), tested.zone(),
                tested.resource(), tested.testedAt(), true, null, tested.testedAt(), tested.budget(), createdAt, now);
        repository.save(connection);
        log.info("helpdesk connection saved account={} psa={} zone=\"{}\"", accountId, kind, tested.zone().name());
        return connection;
    }

    /** Tests new credentials and stores them only when the test succeeds; the old ones stay otherwise. */
    public ConnectionTestOutcome replaceCredentials(long accountId, HelpdeskKind kind, HelpdeskCredentials credentials) {
        ConnectionTestOutcome outcome = test(kind, credentials);
        if (outcome.ok()) {
            connect(accountId, kind, credentials, outcome.result());
        }
        return outcome;
    }

    /** Tests the stored credentials again and records the result; empty when the account has no connection. */
    public Optional<ConnectionTestOutcome> retest(long accountId) {
        Optional<HelpdeskConnection> stored = repository.find(accountId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        HelpdeskConnection connection = stored.get();
        HelpdeskCredentials credentials;
        try {
            credentials = open(connection);
        } catch (SecretBoxException unreadable) {
            var failure = HelpdeskException.local(HelpdeskException.Kind.CREDENTIALS_UNREADABLE, UNREADABLE, unreadable);
            repository.recordFailedTest(accountId, clock.instant(), failure.getMessage());
            log.warn("helpdesk credentials do not open account={} psa={}: {}", accountId, connection.kind(),
                    unreadable.getMessage());
            return Optional.of(ConnectionTestOutcome.failed(failure));
        }
        ConnectionTestOutcome outcome = test(connection.kind(), credentials);
        if (outcome.ok()) {
            connect(accountId, connection.kind(), credentials, outcome.result());
        } else {
            repository.recordFailedTest(accountId, clock.instant(), outcome.failure().getMessage());
            log.info("helpdesk connection test failed account={} psa={} kind={}", accountId, connection.kind(),
                    outcome.failure().kind());
        }
        return Optional.of(outcome);
    }

    /** The account's connection with its credentials masked. */
    public Optional<ConnectionView> view(long accountId) {
        return repository.find(accountId).map(c -> new ConnectionView(
                c.kind(),
                c.lastTestOk() ? ConnectionView.State.CONNECTED : ConnectionView.State.FAILING,
                c.zone(),
                c.resource(),
                maskedUserName(c),
                c.lastTestAt(),
                c.lastTestMessage(),
                c.lastSuccessAt(),
                c.budget()));
    }

    /** The stored sync settings, or the defaults until the admin saves some. */
    public SyncSettings settings(long accountId) {
        return repository.findSettings(accountId).orElse(SyncSettings.defaults());
    }

    /** Saves valid settings; returns the problems (and saves nothing) otherwise. */
    public List<SyncSettings.SettingsProblem> saveSettings(long accountId, SyncSettings settings) {
        List<SyncSettings.SettingsProblem> problems = settings.problems();
        if (problems.isEmpty()) {
            repository.saveSettings(accountId, settings, clock.instant());
            log.info("helpdesk sync settings saved account={} ingestWindowDays={} pollingIntervalSeconds={}",
                    accountId, settings.ingestWindowDays(), settings.pollingIntervalSeconds());
        }
        return problems;
    }

    private String maskedUserName(HelpdeskConnection connection) {
        try {
            return ConnectionView.mask(secretBox.open(connection.credentials().userName(),
                    aad(connection.accountId(), "username")));
        } catch (SecretBoxException unreadable) {
            return "•••• (unreadable: replace the credentials)";
        }
    }

    private SealedCredentials seal(long accountId, HelpdeskCredentials credentials) {
        return new SealedCredentials(
                secretBox.seal(credentials.userName(), aad(accountId, "username")),
                secretBox.seal(credentials.secret(), aad(accountId, "secret")),
                secretBox.seal(credentials.integrationCode(), aad(accountId, "integration-code")));
    }

    /**
     * The account's stored credentials, opened for a call to the PSA; empty without a connection.
     *
     * @throws RuntimeException from {@link SecretBox} when this node's master key cannot open them
     */
    public Optional<HelpdeskCredentials> credentials(long accountId) {
        return repository.find(accountId).map(this::open);
    }

    private HelpdeskCredentials open(HelpdeskConnection connection) {
        long accountId = connection.accountId();
        SealedCredentials sealed = connection.credentials();
        return new HelpdeskCredentials(
                secretBox.open(sealed.userName(), aad(accountId, "username")),
                secretBox.open(sealed.secret(), aad(accountId, "secret")),
                secretBox.open(sealed.integrationCode(), aad(accountId, "integration-code")));
    }

    private static String aad(long accountId, String field) {
        return "account:" + accountId + ":helpdesk-" + field;
    }
}
