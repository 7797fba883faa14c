package horizon.simulator.connectwise;

import horizon.simulator.connectwise.callback.CallbackDelivery;
import horizon.simulator.connectwise.callback.CallbackRegistration;
import horizon.simulator.connectwise.callback.SigningKeys;
import horizon.simulator.connectwise.control.CwControlApi;
import horizon.simulator.connectwise.data.CwActivity;
import horizon.simulator.connectwise.data.CwMspGenerator;
import horizon.simulator.connectwise.hosted.HostedApiSetups;
import horizon.simulator.connectwise.hosted.HostedPages;
import horizon.simulator.connectwise.hosted.MemberHashes;
import horizon.simulator.connectwise.http.Accounts;
import horizon.simulator.connectwise.http.ConnectWiseSite;
import horizon.simulator.connectwise.rest.ApiError;
import horizon.simulator.connectwise.rest.Listing;
import horizon.simulator.connectwise.rest.Writes;
import horizon.simulator.connectwise.store.Actor;
import horizon.simulator.connectwise.store.CwStore;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.core.SimClock;
import horizon.simulator.core.activity.ActivityLoop;
import horizon.simulator.core.control.FaultControl;
import horizon.simulator.core.delivery.DeliveryFaults;
import horizon.simulator.core.fault.RequestFaults;
import horizon.simulator.core.http.SimHttpServer;
import horizon.simulator.core.limit.RollingBudget;
import java.time.Clock;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulated ConnectWise PSA (Manage): one company's site with its generated MSP, served on one HTTP port, with the
 * API member's keys, a clientId it accepts, and an in-process control handle. Start it from a test with
 * {@link #start(ConnectWiseOptions)}.
 */
public final class ConnectWiseSimulator implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConnectWiseSimulator.class.getName());
    public static final String CODEBASE = "v4_6_release/";

    private final ConnectWiseOptions options;
    private final SimHttpServer http;
    private final CallbackDelivery delivery;
    private final ActivityLoop activity;
    private final ConnectWiseControl control;
    private final ApiMember apiMember;
    private final String clientId;
    private final String siteUrl;
    private final long apiRoleId;
    private final Accounts accounts;
    private final Random keyRandom;

    private ConnectWiseSimulator(ConnectWiseOptions options, Clock wallClock) {
        this.options = options;
        SimClock clock = new SimClock(wallClock, options.timeScale());
        Random credentials = new Random(options.seed() * 7919L + 17);
        String companyId = "horizonsim";
        CwStore store = new CwStore(clock, Map.of(Kind.TICKETS, 40_000L + Math.floorMod(options.seed(), 1000),
                Kind.NOTES, 900_000L, Kind.TIME_ENTRIES, 70_000L, Kind.COMPANIES, 250L, Kind.CONTACTS, 5_000L,
                Kind.MEMBERS, 140L, Kind.CALLBACKS, 26_500L, Kind.BOARDS, 20L, Kind.BOARD_STATUSES, 500L));
        CwMspGenerator.Generated generated = new CwMspGenerator(store, options.seed(), options.size(), clock.now())
                .generate("HorizonAPI");
        this.apiRoleId = generated.apiRoleId();
        Accounts accounts = new Accounts(companyId);
        this.accounts = accounts;
        generated.rolePermissions().forEach((roleId, permissions) -> accounts.defineRole(roleId,
                store.get(Kind.SECURITY_ROLES, roleId).orElseThrow().get("name").asString(), permissions));
        this.apiMember = new ApiMember(companyId, random(credentials, 16), random(credentials, 16),
                generated.apiMember().get("id").asLong(), generated.apiMember().get("identifier").asString());
        accounts.addKey(new Accounts.Key(apiMember.publicKey(), apiMember.privateKey(), apiMember.memberId(),
                apiMember.memberIdentifier(), apiRoleId));
        this.keyRandom = new Random(options.seed() * 104729L + 31);
        this.clientId = UUID.nameUUIDFromBytes(("horizon-sim-client-" + options.seed()).getBytes()).toString();

        this.http = SimHttpServer.bind(options.bindAddress(), options.port(), 1, "connectwise-sim-http", clock);
        CallbackDelivery startedDelivery = null;
        try {
            String host = SimHttpServer.advertisedHost(options.bindAddress()) + ":" + http.ports().get(0);
            this.siteUrl = "http://" + host + "/";
            String keyUrlBase = siteUrl + CODEBASE + "/system/callbackkey/index.rails";
            SigningKeys keys = new SigningKeys(clock, options.seed());
            DeliveryFaults deliveryFaults = new DeliveryFaults(options.seed() ^ 0x5EEDFA17L);
            CallbackDelivery.Site callbackSite = new CallbackDelivery.Site(companyId, host, keyUrlBase,
                    hex(credentials, 24), hex(credentials, 24));
            this.delivery = startedDelivery = new CallbackDelivery(store, clock, deliveryFaults, keys, callbackSite,
                    options.seed());
            store.addListener(change -> {
                try {
                    delivery.onChange(change);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "callbacks failed on " + change.kind() + " " + change.id(), e);
                }
            });
            RequestFaults faults = new RequestFaults(options.seed(), options.latency());
            RollingBudget perMinute = new RollingBudget(clock, 60, options.requestsPerMinute());
            Listing listing = new Listing(store);
            Writes writes = new Writes(store, listing);
            CallbackRegistration registration = new CallbackRegistration(store, listing, options.seed());
            CwActivity steps = new CwActivity(options.seed());
            this.activity = new ActivityLoop("connectwise-sim-activity", steps::step, ApiError.class);
            FaultControl faultControl = new FaultControl(clock, faults, deliveryFaults, http.log());
            HostedApiSetups hostedApis = new HostedApiSetups();
            MemberHashes memberHashes = new MemberHashes(store);
            this.control = new ConnectWiseControl(new ConnectWiseControl.Parts(store, listing, writes, accounts,
                    faultControl, perMinute, http.counters(), delivery, keys, activity, generated.technicians(),
                    keyUrlBase, companyId, hostedApis, memberHashes), technician(store, generated));
            steps.attach(control);

            ObjectNode companyInfo = JsonNodeFactory.instance.objectNode();
            companyInfo.put("CompanyName", "Horizon Demo MSP");
            companyInfo.put("Codebase", CODEBASE);
            companyInfo.put("VersionCode", "v" + ConnectWiseSite.CURRENT_VERSION);
            companyInfo.put("VersionNumber", "v4.6.112233");
            companyInfo.put("CompanyID", companyId);
            companyInfo.put("IsCloud", "False");
            companyInfo.put("SiteUrl", host);
            HostedPages pages = new HostedPages(store, hostedApis, memberHashes, companyId,
                    companyInfo.get("CompanyName").asString(), host);
            ConnectWiseSite site = new ConnectWiseSite(clock, accounts, faults, perMinute, listing, writes,
                    registration, keys, companyInfo, pages, memberHashes);
            http.start(port -> site::serve, new CwControlApi(this));
        } catch (RuntimeException failed) {
            // a simulator that did not start keeps no port or thread
            if (startedDelivery != null) {
                startedDelivery.close();
            }
            http.close();
            throw failed;
        }
        if (options.activityPerMinute() > 0) {
            control.startActivity(options.activityPerMinute());
        }
    }

    /** Starts a simulator on the system clock; the default MSP is ready in about a second. */
    public static ConnectWiseSimulator start(ConnectWiseOptions options) {
        return new ConnectWiseSimulator(options, Clock.systemUTC());
    }

    /**
     * Starts a simulator on the given clock: record timestamps, the generated history, the per-minute limit's window,
     * signing-key rotation and the callback disablement period follow it.
     */
    public static ConnectWiseSimulator start(ConnectWiseOptions options, Clock clock) {
        return new ConnectWiseSimulator(options, clock);
    }

    private static Actor technician(CwStore store, CwMspGenerator.Generated generated) {
        long id = generated.technicians().isEmpty() ? generated.apiMember().get("id").asLong() : generated.technicians().get(0);
        return new Actor(id, store.get(Kind.MEMBERS, id).orElseThrow().get("identifier").asString());
    }

    /** The API member's keys: Basic auth is {@code companyId+publicKey:privateKey}. */
    public ApiMember apiMember() {
        return apiMember;
    }

    /**
     * Another API key pair of the API member (so a test can break and replace one account's keys without touching what
     * the other accounts of a shared simulator use).
     */
    public ApiMember addApiKey() {
        ApiMember key = new ApiMember(apiMember.companyId(), random(keyRandom, 16), random(keyRandom, 16),
                apiMember.memberId(), apiMember.memberIdentifier());
        accounts.addKey(new Accounts.Key(key.publicKey(), key.privateKey(), key.memberId(), key.memberIdentifier(),
                apiRoleId));
        return key;
    }

    /** What an admin does in ConnectWise when keys leak: the pair is deleted (it stops working at once), a new one made. */
    public ApiMember regenerateApiKey(String publicKey) {
        accounts.removeKey(publicKey);
        return addApiKey();
    }

    /** A clientId the site accepts (any well-formed GUID is accepted unless disabled through the control). */
    public String clientId() {
        return clientId;
    }

    /** The site, e.g. {@code http://127.0.0.1:PORT/}; company info is at {@code login/companyinfo/{companyId}}. */
    public String siteUrl() {
        return siteUrl;
    }

    /** The REST API's base, {@code siteUrl + v4_6_release/apis/3.0/}. */
    public String apiUrl() {
        return siteUrl + CODEBASE + "apis/3.0/";
    }

    /**
     * The Service Tickets screen of a ticket as a member sees it, with one pod per {@code ServiceTicket} setup record
     * ({@link ConnectWiseControl#addHostedApiSetup}); the page mints a fresh memberHash on every load.
     */
    public String ticketPageUrl(long ticketId, String memberIdentifier) {
        return siteUrl + HostedPages.ticketPath(ticketId, memberIdentifier);
    }

    /** The screen of a {@code CustomMenu} setup record's Custom Menu Entry as a member sees it. */
    public String menuPageUrl(long setupId, String memberIdentifier) {
        return siteUrl + HostedPages.menuPath(setupId, memberIdentifier);
    }

    /** The site's web origin (scheme, host and port of {@link #siteUrl()}), where the screens that frame pods live. */
    public String webOrigin() {
        return siteUrl.substring(0, siteUrl.length() - 1);
    }

    /** The control API's base. */
    public String controlUrl() {
        return siteUrl + "_sim/";
    }

    public int port() {
        return http.ports().get(0);
    }

    /** The API member's security role, for {@link ConnectWiseControl#setPermission}. */
    public long apiRoleId() {
        return apiRoleId;
    }

    public ConnectWiseControl control() {
        return control;
    }

    public ConnectWiseOptions options() {
        return options;
    }

    @Override
    public void close() {
        activity.close();
        http.close();
        delivery.close();
    }

    private static String random(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String hex(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }
}
