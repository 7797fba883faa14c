package horizon.helpdesk.configuration;

import horizon.helpdesk.ConnectionTestResult;
import horizon.helpdesk.CredentialField;
import horizon.helpdesk.Helpdesks;
import horizon.helpdesk.HelpdeskCredentials;
import horizon.helpdesk.HelpdeskException;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskZone;
import horizon.secret.SecretBox;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tests, stores and re-tests an account's helpdesk connection, and keeps its sync settings.
 *
 * <p>Credentials enter here in clear, are sealed as one {@link CredentialEnvelope} with the account id as associated
 * data (so an envelope copied to another account does not open), and leave only masked. Which fields a PSA takes, and
 * how they are checked, is its connector's description: nothing here knows a PSA.
 */
@Service
public class HelpdeskConnections {

    private static final Logger log = LoggerFactory.getLogger(HelpdeskConnections.class);

    private static final String UNREADABLE = "The stored credentials cannot be opened with any master key this node "
            + "holds (HORIZON_MASTER_KEY or the key file changed; the key that sealed them can be added to "
            + "HORIZON_PREVIOUS_MASTER_KEYS). Replace the credentials to connect again.";
    private static final String PENDING = "onboarding-credentials";

    private final Helpdesks helpdesks;
    private final HelpdeskConnectionRepository repository;
    private final ConnectionFailureRepository failures;
    private final SecretBox secretBox;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    HelpdeskConnections(Helpdesks helpdesks, HelpdeskConnectionRepository repository,
                        ConnectionFailureRepository failures, SecretBox secretBox, ApplicationEventPublisher events,
                        PlatformTransactionManager transactionManager, Clock clock) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.helpdesks = helpdesks;
        this.repository = repository;
        this.failures = failures;
        this.secretBox = secretBox;
        this.events = events;
        this.clock = clock;
    }

    /** The fields the PSA's connector asks for, in form order; empty when this build cannot connect it. */
    public List<CredentialField> credentialFields(HelpdeskKind kind) {
        return helpdesks.adapter(kind).map(a -> a.connector().credentialFields()).orElse(List.of());
    }

    /** Whether this build can connect the PSA. */
    public boolean available(HelpdeskKind kind) {
        return helpdesks.available(kind);
    }

    /**
     * Runs the PSA's connection test on the fields its connector describes (anything else given is dropped); never
     * throws for a PSA failure, it becomes the outcome.
     *
     * @throws IllegalArgumentException when this build cannot connect the PSA
     */
    public ConnectionTestOutcome test(HelpdeskKind kind, HelpdeskCredentials credentials) {
        var connector = helpdesks.connector(kind);
        HelpdeskCredentials described = credentials.restrictedTo(connector.credentialFields());
        try {
            List<CredentialField.Problem> problems = connector.check(described);
            if (!problems.isEmpty()) {
                throw HelpdeskException.invalidFields(problems);
            }
            return ConnectionTestOutcome.succeeded(connector.testConnection(described));
        } catch (HelpdeskException failure) {
            return ConnectionTestOutcome.failed(failure);
        }
    }

    /**
     * Stores credentials that have just passed {@link #test}, replacing any earlier connection of the account.
     *
     * @throws DatabaseChangeUnconfirmed when they reach another PSA database than the stored ones (see
     *                                   {@link #connect(long, HelpdeskKind, HelpdeskCredentials, ConnectionTestResult,
     *                                   String)})
     */
    public HelpdeskConnection connect(long accountId, HelpdeskKind kind, HelpdeskCredentials credentials,
                                      ConnectionTestResult tested) {
        return connect(accountId, kind, credentials, tested, null);
    }

    /**
     * Stores credentials that have just passed {@link #test}. When they reach another PSA database than the stored
     * ones, they are stored only if {@code confirmed} is that change's {@link DatabaseChange#confirmation()}: then,
     * in one transaction, {@link HelpdeskDatabaseChanged} lets every package remove what it holds from the old
     * database, and the new connection is stored.
     *
     * @throws DatabaseChangeUnconfirmed when they reach another database and the admin has not confirmed it
     */
    public HelpdeskConnection connect(long accountId, HelpdeskKind kind, HelpdeskCredentials credentials,
                                      ConnectionTestResult tested, String confirmed) {
        Optional<HelpdeskConnection> stored = repository.find(accountId);
        if (stored.isPresent() && DatabaseChange.between(stored.get().kind(), stored.get().database(), kind,
                tested.database())) {
            DatabaseChange change = new DatabaseChange(stored.get().kind(), stored.get().database(), kind,
                    tested.database());
            if (!change.confirmation().equals(confirmed)) {
                throw new DatabaseChangeUnconfirmed(change);
            }
            return transactions.execute(status -> {
                log.warn("helpdesk database changed account={} from=\"{}\" to=\"{}\": starting a fresh mirror",
                        accountId, change.previousName(), change.nextName());
                events.publishEvent(new HelpdeskDatabaseChanged(accountId, change));
                return store(accountId, kind, credentials, tested, stored);
            });
        }
        return store(accountId, kind, credentials, tested, stored);
    }

    /** The credentials reach another PSA database and the admin has not confirmed starting a fresh mirror. */
    public static final class DatabaseChangeUnconfirmed extends IllegalStateException {
        private final DatabaseChange change;

        DatabaseChangeUnconfirmed(DatabaseChange change) {
            super(change.question());
            this.change = change;
        }

        public DatabaseChange change() {
            return change;
        }
    }

    private HelpdeskConnection store(long accountId, HelpdeskKind kind, HelpdeskCredentials credentials,
                                     ConnectionTestResult tested, Optional<HelpdeskConnection> previous) {
        Instant now = clock.instant();
        Instant createdAt = previous.map(HelpdeskConnection::createdAt).orElse(now);
        HelpdeskCredentials previousCredentials = previous.flatMap(this::openQuietly).orElse(null);
        HelpdeskCredentials described = credentials.restrictedTo(credentialFields(kind));
        var connection = new HelpdeskConnection(accountId, kind, CredentialEnvelope.seal(secretBox, accountId, described),
                tested.zone(), tested.resource(), tested.testedAt(), true, null, tested.testedAt(), tested.budget(),
                tested.database() != null ? tested.database()
                        : previous.filter(p -> p.kind() == kind).map(HelpdeskConnection::database).orElse(null),
                createdAt, now);
        repository.save(connection);
        boolean resumed = failures.clear(accountId);
        log.info("helpdesk connection saved account={} psa={} zone=\"{}\"{}", accountId, kind, tested.zone().name(),
                resumed ? " (it had stopped; its scheduled work resumes)" : "");
        events.publishEvent(new HelpdeskConnected(accountId, kind, described,
                previous.map(HelpdeskConnection::kind).orElse(null), previousCredentials));
        return connection;
    }

    private Optional<HelpdeskCredentials> openQuietly(HelpdeskConnection connection) {
        try {
            return Optional.of(open(connection));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Tests new credentials and stores them only when the test succeeds; the old ones stay otherwise. The PSA may
     * differ from the stored one: the account then moves to the other PSA. New credentials that reach another PSA
     * database are stored only when {@code confirmed} says the admin agreed to a fresh mirror; until then the outcome
     * {@link ConnectionTestOutcome#needsConfirmation() asks}.
     */
    public ConnectionTestOutcome replaceCredentials(long accountId, HelpdeskKind kind, HelpdeskCredentials credentials,
                                                    String confirmed) {
        ConnectionTestOutcome outcome = test(kind, credentials);
        if (outcome.ok()) {
            try {
                connect(accountId, kind, credentials, outcome.result(), confirmed);
            } catch (DatabaseChangeUnconfirmed unconfirmed) {
                return ConnectionTestOutcome.awaitingConfirmation(outcome.result(), unconfirmed.change());
            }
        }
        return outcome;
    }

    /** {@link #replaceCredentials(long, HelpdeskKind, HelpdeskCredentials, String)} without a confirmation. */
    public ConnectionTestOutcome replaceCredentials(long accountId, HelpdeskKind kind, HelpdeskCredentials credentials) {
        return replaceCredentials(accountId, kind, credentials, null);
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
        } catch (RuntimeException unreadable) {
            var failure = HelpdeskException.local(HelpdeskException.Kind.CREDENTIALS_UNREADABLE, UNREADABLE, unreadable);
            repository.recordFailedTest(accountId, clock.instant(), failure.getMessage());
            log.warn("helpdesk credentials do not open account={} psa={}: {}", accountId, connection.kind(),
                    unreadable.getMessage());
            stop(accountId, failure, "test");
            return Optional.of(ConnectionTestOutcome.failed(failure));
        }
        ConnectionTestOutcome outcome = test(connection.kind(), credentials);
        if (outcome.ok()) {
            try {
                connect(accountId, connection.kind(), credentials, outcome.result());
            } catch (DatabaseChangeUnconfirmed moved) {
                return Optional.of(ConnectionTestOutcome.awaitingConfirmation(outcome.result(), moved.change()));
            }
        } else {
            repository.recordFailedTest(accountId, clock.instant(), outcome.failure().getMessage());
            log.info("helpdesk connection test failed account={} psa={} kind={}", accountId, connection.kind(),
                    outcome.failure().kind());
            if (outcome.failure().kind().stopsConnection()) {
                stop(accountId, outcome.failure(), "test");
            }
        }
        return Optional.of(outcome);
    }

    /**
     * What scheduled work reports when a PSA call failed. A permanent failure (the PSA refused the credentials, the
     * integration code or a right; the credentials no longer open) stops the connection: it is recorded, shown on the
     * admin's pages, and nothing is scheduled for the account until the credentials change or a test succeeds.
     *
     * @return whether the connection stopped
     */
    public boolean reportFailure(long accountId, HelpdeskException failure) {
        if (!failure.kind().stopsConnection() || repository.find(accountId).isEmpty()) {
            return false;
        }
        stop(accountId, failure, "sync");
        return true;
    }

    /** Why the account's connection stopped; empty while it works (or has never been stored). */
    public Optional<ConnectionFailure> stopped(long accountId) {
        return failures.find(accountId);
    }

    private void stop(long accountId, HelpdeskException failure, String foundBy) {
        ConnectionFailure stopped = ConnectionFailure.of(failure, foundBy, clock.instant());
        failures.save(accountId, stopped);
        log.warn("helpdesk connection stopped account={} kind={} foundBy={}: {}", accountId, failure.kind(), foundBy,
                failure.getMessage());
        events.publishEvent(new HelpdeskConnectionStopped(accountId, stopped));
    }

    /** The account's connection with its credentials masked. */
    public Optional<ConnectionView> view(long accountId) {
        Optional<HelpdeskConnection> stored = repository.find(accountId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Optional<ConnectionFailure> failure = failures.find(accountId);
        return stored.map(c -> new ConnectionView(
                c.kind(),
                failure.isPresent() ? ConnectionView.State.FAILING
                        : c.lastTestOk() ? ConnectionView.State.CONNECTED : ConnectionView.State.TEST_FAILED,
                failure.orElse(null),
                c.zone(),
                c.resource(),
                maskedFields(c),
                c.lastTestAt(),
                c.lastTestMessage(),
                c.lastSuccessAt(),
                c.budget()));
    }

    /** Every account with a stored connection (a system-wide listing, for the sync dispatcher only). */
    public List<Long> connectedAccountIds() {
        return repository.connectedAccountIds();
    }

    /** The account's PSA, empty without a connection. */
    public Optional<HelpdeskKind> kind(long accountId) {
        return repository.find(accountId).map(HelpdeskConnection::kind);
    }

    /** Where the account's PSA lives, as its last successful connection test found; empty without a connection. */
    public Optional<HelpdeskZone> zone(long accountId) {
        return repository.find(accountId).map(HelpdeskConnection::zone);
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
            events.publishEvent(new HelpdeskSettingsSaved(accountId, settings));
        }
        return problems;
    }

    /**
     * The account's stored credentials, opened for a call to the PSA; empty without a connection.
     *
     * @throws RuntimeException when this node's master key cannot open them
     */
    public Optional<HelpdeskCredentials> credentials(long accountId) {
        return repository.find(accountId).map(this::open);
    }

    /** Credentials that passed a test, sealed to wait in the account's session (never in clear there). */
    public String sealPending(long accountId, HelpdeskCredentials credentials) {
        return CredentialEnvelope.seal(secretBox, CredentialEnvelope.aad(accountId, PENDING), credentials);
    }

    /** @throws RuntimeException when the envelope was not sealed for this account's session */
    public HelpdeskCredentials openPending(long accountId, String envelope) {
        return CredentialEnvelope.open(secretBox, CredentialEnvelope.aad(accountId, PENDING), envelope);
    }

    /** Every field as the configuration page shows it: the identity partly, secrets as set, never a value in full. */
    private List<ConnectionView.MaskedField> maskedFields(HelpdeskConnection connection) {
        HelpdeskCredentials opened;
        try {
            opened = open(connection);
        } catch (RuntimeException unreadable) {
            opened = null;
        }
        List<ConnectionView.MaskedField> masked = new ArrayList<>();
        for (CredentialField field : credentialFields(connection.kind())) {
            String shown;
            if (opened == null) {
                shown = "•••• (unreadable: replace the credentials)";
            } else if (field.identity()) {
                shown = ConnectionView.mask(opened.value(field.name()));
            } else if (field.secret()) {
                shown = ConnectionView.SET;
            } else {
                shown = choiceLabel(field, opened.value(field.name()));
            }
            masked.add(new ConnectionView.MaskedField(field.name(), field.label(), shown, field.identity()));
        }
        return List.copyOf(masked);
    }

    private static String choiceLabel(CredentialField field, String value) {
        return field.choices().stream().filter(c -> c.value().equals(value)).map(CredentialField.Choice::label)
                .findFirst().orElse(value);
    }

    private HelpdeskCredentials open(HelpdeskConnection connection) {
        if (connection.sealedCredentials() == null) {
            throw new IllegalStateException("no credential envelope: the stored fields did not open when moved");
        }
        return CredentialEnvelope.open(secretBox, connection.accountId(), connection.sealedCredentials());
    }
}
