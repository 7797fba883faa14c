package horizon.simulator.autotask;

import horizon.simulator.autotask.control.ControlApi;
import horizon.simulator.autotask.data.ActivityGenerator;
import horizon.simulator.autotask.data.MspGenerator;
import horizon.simulator.autotask.http.ApiEndpoint;
import horizon.simulator.autotask.http.AutotaskServer;
import horizon.simulator.autotask.http.Credentials;
import horizon.simulator.core.fault.RequestFaults;
import horizon.simulator.core.limit.RollingBudget;
import horizon.simulator.core.SimClock;
import horizon.simulator.core.control.FaultControl;
import horizon.simulator.autotask.limit.ThreadLimiter;
import horizon.simulator.autotask.rest.EntityApi;
import horizon.simulator.autotask.store.DataType;
import horizon.simulator.autotask.store.Database;
import horizon.simulator.autotask.store.EntitySchema;
import horizon.simulator.autotask.store.Picklists;
import horizon.simulator.autotask.store.RecordWrites;
import horizon.simulator.autotask.store.Row;
import horizon.simulator.autotask.store.Schemas;
import horizon.simulator.autotask.store.UdfDef;
import horizon.simulator.autotask.web.AutotaskPages;
import horizon.simulator.autotask.web.WebSetup;
import horizon.simulator.autotask.webhook.Webhooks;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A simulated Autotask: one database with its generated MSP, served on one HTTP port per zone, with the API user's
 * credentials and an in-process control handle. Start it from a test with {@link #start(SimulatorOptions)}.
 */
public final class AutotaskSimulator implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AutotaskSimulator.class.getName());
    private static final String ALNUM_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String ALNUM_LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String SECRET_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789$#*@!";

    private final SimulatorOptions options;
    private final AutotaskServer server;
    private final Database db;
    private final Credentials credentials;
    private final Webhooks webhooks;
    private final ActivityGenerator activity;
    private final SimulatorControl control;
    private final ApiUser apiUser;
    private final String integrationCode;
    private final Random credentialRandom;

    private AutotaskSimulator(SimulatorOptions options, Clock wallClock) {
        this.options = options;
        SimClock clock = new SimClock(wallClock, options.timeScale());
        Schemas schemas = Schemas.load(Map.of(
                Schemas.TICKETS, List.of(
                        new UdfDef("CustomerImpact", "Customer Impact", DataType.STRING, "Who is affected", List.of()),
                        new UdfDef("ExternalReference", "External Reference", DataType.STRING, "Reference in the customer's system", List.of())),
                Schemas.COMPANIES, List.of(
                        new UdfDef("CustomerRanking", "Customer Ranking", DataType.STRING, "Golden, Silver or Bronze", List.of()),
                        new UdfDef("OnboardingNotes", "Onboarding Notes", DataType.STRING, "Free text", List.of()))));
        this.db = new Database(schemas, Picklists.generate(options.seed()), clock, Map.of(
                Schemas.TICKETS, 7_000L + Math.floorMod(options.seed(), 1000), Schemas.TICKET_NOTES, 28_000L,
                Schemas.TIME_ENTRIES, 41_000L, Schemas.COMPANIES, 174L, Schemas.CONTACTS, 29_684_000L,
                Schemas.RESOURCES, 29_682_885L, Schemas.ROLES, 29_682_800L));
        MspGenerator generator = new MspGenerator(db, options.seed(), options.size(), clock.now());
        generator.generate();
        RecordWrites writes = new RecordWrites(db);

        this.server = AutotaskServer.bind(options.bindAddress(), options.basePort(), options.zones(), clock);
        this.credentialRandom = new Random(options.seed() * 7919L + 13);
        this.integrationCode = random(credentialRandom, ALNUM_UPPER, 27);
        this.credentials = new Credentials();
        this.apiUser = createApiUser(random(credentialRandom, ALNUM_LOWER, 15) + "@horizon-sim.example", SecurityLevel.API_WEBHOOK);

        this.webhooks = new Webhooks(clock, options.seed());
        for (EntitySchema schema : schemas.all()) {
            if (schema.hasUdfs() && schema.supportsWebhookCallouts()) {
                webhooks.defineUserDefinedFields(schema.singular(), schema.udfs().stream().map(UdfDef::name).toList());
            }
        }
        db.addListener(change -> {
            try {
                webhooks.onChange(change);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "webhooks failed on " + change.entityType() + " " + change.id(), e);
            }
        });
        RollingBudget budget = new RollingBudget(clock, 3600, options.hourlyBudget());
        ThreadLimiter limiter = new ThreadLimiter(options.threadLimit());
        RequestFaults faults = new RequestFaults(options.seed(), options.latency());
        this.activity = new ActivityGenerator(options.seed());
        FaultControl faultControl = new FaultControl(clock, faults, webhooks.faults(), server.requestLog());
        WebSetup web = new WebSetup();
        this.control = new SimulatorControl(writes, faultControl, budget, limiter, server.counters(), webhooks, activity,
                generator.technicians(), web, null);
        activity.attach(control);

        EntityApi entities = new EntityApi(writes, server.databaseZone().apiUrl());
        server.start(new AutotaskServer.Parts(credentials, budget, limiter, faults,
                path -> route(path, entities), resourceId -> impersonationRefusal(writes, resourceId),
                30_000L + Math.floorMod(options.seed(), 70_000L),
                segment -> schemas.byName(segment).map(EntitySchema::name).orElse(segment),
                new AutotaskPages(writes, web, server.databaseZone())), new ControlApi(control, this, faultControl));
        if (options.activityPerMinute() > 0) {
            control.startActivity(options.activityPerMinute());
        }
    }

    /** Starts a simulator; the default MSP is ready in well under a second. */
    public static AutotaskSimulator start(SimulatorOptions options) {
        return new AutotaskSimulator(options, Clock.systemUTC());
    }

    /**
     * Starts a simulator on the given clock: record timestamps, the generated history ("18 months before now") and
     * the hourly budget's window follow it.
     */
    public static AutotaskSimulator start(SimulatorOptions options, Clock clock) {
        return new AutotaskSimulator(options, clock);
    }

    private ApiEndpoint route(List<String> path, EntityApi entities) {
        ApiEndpoint hooks = webhookEndpoint();
        if (hooks != null && hooks.handles(path)) {
            return hooks;
        }
        return entities.handles(path) ? entities : null;
    }

    private ApiEndpoint webhookEndpoint() {
        try {
            return webhooks.endpoint();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    private static String impersonationRefusal(RecordWrites writes, long resourceId) {
        Database db = writes.database();
        Row resource = db.get(Schemas.RESOURCES, resourceId);
        EntitySchema resources = db.schemas().get(Schemas.RESOURCES);
        if (resource == null || !Boolean.TRUE.equals(resource.get(resources.require("isActive")))) {
            return "The ImpersonationResourceId " + resourceId + " does not reference an active Resource.";
        }
        if (writes.isApiOnly(resource)) {
            return "The ImpersonationResourceId " + resourceId + " references an API User (API-only), which cannot be impersonated.";
        }
        return null;
    }

    private ApiUser createApiUser(String userName, SecurityLevel level) {
        return db.write(() -> {
            EntitySchema schema = db.schemas().get(Schemas.RESOURCES);
            Object[] v = new Object[schema.fields().size()];
            long id = db.allocateId(Schemas.RESOURCES);
            v[0] = id;
            long apiLicense = db.picklists().code(Schemas.RESOURCES, "licenseType", "API User (API-only)");
            long apiType = db.picklists().code(Schemas.RESOURCES, "userType", "API User (API-only)");
            v[schema.require("firstName").index()] = "API";
            v[schema.require("lastName").index()] = "User " + userName.substring(0, Math.min(8, userName.length()));
            v[schema.require("userName").index()] = userName.length() > 32 ? userName.substring(0, 32) : userName;
            v[schema.require("email").index()] = userName;
            v[schema.require("isActive").index()] = true;
            v[schema.require("licenseType").index()] = apiLicense;
            v[schema.require("userType").index()] = apiType;
            v[schema.require("resourceType").index()] = "API User";
            db.put(Schemas.RESOURCES, new Row(v, null));
            ApiUser user = new ApiUser(userName, random(credentialRandom, SECRET_CHARS, 24), integrationCode,
                    server.databaseZone().name(), server.databaseZone().apiUrl(), id);
            credentials.add(user, level);
            return user;
        });
    }

    private static String random(Random random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** The main API user: security level API_WEBHOOK (webhooks and impersonation allowed). */
    public ApiUser apiUser() {
        return apiUser;
    }

    /** Another API-only user of the same database, with its own secret and the database's integration code. */
    public ApiUser addApiUser(String userName, SecurityLevel level) {
        return createApiUser(userName, level);
    }

    public List<Zone> zones() {
        return server.zones();
    }

    /**
     * The web URL of the zone the database lives in (zoneInformation's {@code webUrl} for its users), where the pages
     * integrations appear on are served, e.g. {@code http://127.0.0.1:PORT/}.
     */
    public String webUrl() {
        return server.databaseZone().webUrl();
    }

    /** The PSA's web origin: {@link #webUrl()} without its trailing slash. */
    public String webOrigin() {
        String url = webUrl();
        return url.substring(0, url.length() - 1);
    }

    /** A resource's dashboard, with the HTML widgets ({@link SimulatorControl#addHtmlWidget}). */
    public String dashboardUrl(long resourceId) {
        return webUrl() + AutotaskPages.dashboardPath(resourceId);
    }

    /** A ticket's page as a resource sees it, with the LiveLinks ({@link SimulatorControl#addLiveLink}). */
    public String ticketDetailUrl(long ticketId, long resourceId) {
        return webUrl() + AutotaskPages.ticketDetailPath(ticketId, resourceId);
    }

    /** The control API's base, on the first zone's port. */
    public String controlUrl() {
        return server.zones().get(0).webUrl() + "_sim/";
    }

    public SimulatorControl control() {
        return control;
    }

    public SimulatorOptions options() {
        return options;
    }

    /**
     * One more API-only user with the main user's security level (so a test can break and replace one account's
     * credentials without touching what the other accounts of a shared simulator use).
     */
    public ApiUser addApiKey() {
        return createApiUser(random(credentialRandom, ALNUM_LOWER, 15) + "@horizon-sim.example",
                credentials.find(apiUser.userName()).orElseThrow().level());
    }

    /**
     * What an admin's "Generate secret" does in Autotask: the API user gets a new secret and the old one stops
     * working at once.
     */
    public ApiUser regenerateSecret(String userName) {
        Credentials.Entry entry = credentials.find(userName).orElseThrow(() -> new IllegalArgumentException(
                "no API user " + userName));
        ApiUser old = entry.user();
        ApiUser renewed = new ApiUser(old.userName(), random(credentialRandom, SECRET_CHARS, 24),
                old.integrationCode(), old.zoneName(), old.zoneApiUrl(), old.resourceId());
        credentials.add(renewed, entry.level());
        return renewed;
    }

    /** All API users with their levels (for the control API's listing). */
    public List<Credentials.Entry> apiUsers() {
        return credentials.all();
    }

    @Override
    public void close() {
        activity.close();
        server.close();
        try {
            webhooks.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "webhooks close failed", e);
        }
    }
}
