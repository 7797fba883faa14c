package horizon.simulator.autotask.data;

import horizon.simulator.autotask.SimulatorOptions.MspSize;
import horizon.simulator.autotask.store.Database;
import horizon.simulator.autotask.store.EntitySchema;
import horizon.simulator.autotask.store.Picklists;
import horizon.simulator.autotask.store.PicklistValue;
import horizon.simulator.autotask.store.Row;
import horizon.simulator.autotask.store.Schemas;
import horizon.simulator.autotask.store.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fills a database with a believable MSP from a seed: the MSP's technicians with roles and queues, client companies
 * with contacts, and a ticket history whose density grows toward today (so a 30-day window holds about a tenth of
 * it), with notes and time entries. Rows are built directly, not through the write rules, so 100k tickets take
 * seconds; they are consistent by construction.
 */
public final class MspGenerator {
    private static final String[] FIRST = {"Anna", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Ines",
            "Jonas", "Kira", "Liam", "Maya", "Noah", "Olivia", "Pavel", "Quinn", "Rosa", "Samir", "Tara", "Umar",
            "Vera", "Will", "Xenia", "Yusuf", "Zoe", "Chloé", "José", "Zoë", "Björn"};
    private static final String[] LAST = {"Adams", "Baker", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Hansen",
            "Ito", "Jensen", "Kowalski", "Lopez", "Müller", "Nguyen", "O'Brien", "Patel", "Quist", "Rossi", "Schmidt",
            "Tanaka", "Ueda", "Varga", "Weber", "Xu", "Young", "Zimmer", "Novak", "Silva", "Khan", "Moreau"};
    private static final String[] COMPANY_A = {"Northwind", "Blue Harbor", "Cedar", "Summit", "Riverside", "Granite",
            "Oak & Ivy", "Lakeside", "Silverline", "Evergreen", "Brightwater", "Ironbridge", "Maple", "Harbor Point",
            "Redwood", "Stonegate", "Clearview", "Westfield", "Highland", "Pinecrest"};
    private static final String[] COMPANY_B = {"Dental", "Logistics", "Law Group", "Accounting", "Veterinary Clinic",
            "Architects", "Realty", "Manufacturing", "Insurance", "Family Practice", "Engineering", "Bakery",
            "Consulting", "Hotels", "Construction", "Pharmacy"};
    private static final String[] CITIES = {"Springfield", "Riverton", "Fairview", "Madison", "Georgetown", "Salem",
            "Franklin", "Clinton", "Arlington", "Ashland"};
    private static final String[] STATES = {"NY", "NJ", "PA", "MA", "CT", "VA", "NC", "OH"};
    private static final String[] PROBLEMS = {"Outlook keeps asking for password", "Printer offline on 2nd floor",
            "VPN disconnects every few minutes", "New user onboarding: %s", "Laptop will not boot", "Shared drive not mapped",
            "Phishing e-mail reported by %s", "Server disk space low on FS01", "Wi-Fi slow in conference room",
            "QuickBooks license error", "Request: install Adobe Acrobat for %s", "Backup job failed overnight",
            "Firewall alert: port scan detected", "Teams calls dropping", "Password reset for %s",
            "Monitor flickering after update", "Cannot access CRM from home", "Scanner to e-mail not working",
            "Windows update stuck at 35%", "Mailbox full: %s", "New printer setup", "Antivirus definitions out of date",
            "Offboarding: disable account of %s", "Slow PC performance", "Website SSL certificate expiring"};
    private static final String[] DETAILS = {"User reports the issue started this morning.",
            "Happens on several machines in the office.", "Customer called in; urgent before the end of day.",
            "Alert raised by monitoring at 03:12 UTC.", "Screenshot attached by the user.",
            "Affects the whole accounting team.", "Recurring problem, see earlier tickets."};
    private static final String[] NOTES = {"Called the user, issue confirmed.", "Remoted in and restarted the service.",
            "Waiting for the customer to reply.", "Ordered replacement part from vendor.",
            "Applied the latest patches and rebooted.", "Escalated to Level II for review.",
            "Resolved: cleared cached credentials & re-added the profile.", "Customer confirms it works again.",
            "Checked logs; no errors since the change.", "Scheduled an onsite visit for tomorrow.",
            "Note: user's <Outlook> profile was corrupt; rebuilt it.", "Followed up by e-mail \"as requested\"."};
    private static final String[] WORK = {"Troubleshooting remotely", "Onsite repair", "Configuration change",
            "Research and testing", "Phone support", "Patch deployment"};

    private final Database db;
    private final Random random;
    private final MspSize size;
    private final Instant now;
    private final Picklists picklists;

    private final List<Long> technicians = new ArrayList<>();
    private final Map<Long, List<long[]>> rolesByResource = new HashMap<>();
    private final List<Long> companies = new ArrayList<>();
    private final Map<Long, List<Long>> contactsByCompany = new HashMap<>();

    public MspGenerator(Database db, long seed, MspSize size, Instant now) {
        this.db = db;
        this.random = new Random(seed);
        this.size = size;
        this.now = Timestamps.stored(now);
        this.picklists = db.picklists();
    }

    /** Generates everything; called once before the server starts. */
    public void generate() {
        Instant founded = now.minus(Duration.ofDays(31L * (size.monthsOfHistory() + 6)));
        roles(founded);
        resources(founded);
        companies(founded);
        contacts();
        tickets();
    }

    private void roles(Instant founded) {
        String[][] roles = {{"Administrator", "0"}, {"Helpdesk Technician", "95"}, {"Senior Engineer", "150"},
                {"Network Administrator", "135"}, {"Project Manager", "125"}, {"Account Manager", "110"}};
        EntitySchema schema = db.schemas().get(Schemas.ROLES);
        for (int i = 0; i < roles.length; i++) {
            Object[] v = row(schema);
            v[0] = db.allocateId(Schemas.ROLES);
            put(schema, v, "name", roles[i][0]);
            put(schema, v, "description", roles[i][0] + " role");
            put(schema, v, "hourlyRate", Double.parseDouble(roles[i][1]));
            put(schema, v, "hourlyFactor", 1.0);
            put(schema, v, "isActive", true);
            put(schema, v, "isSystemRole", i == 0);
            put(schema, v, "isExcludedFromNewContracts", false);
            put(schema, v, "roleType", 1L);
            db.put(Schemas.ROLES, new Row(v, null));
        }
    }

    private List<Long> roleIds() {
        return new ArrayList<>(db.table(Schemas.ROLES).rows().keySet());
    }

    private void resources(Instant founded) {
        EntitySchema schema = db.schemas().get(Schemas.RESOURCES);
        EntitySchema rr = db.schemas().get(Schemas.RESOURCE_ROLES);
        List<Long> roles = roleIds();
        List<PicklistValue> queues = picklists.active(Schemas.TICKETS, "queueID");
        long professional = picklists.code(Schemas.RESOURCES, "licenseType", "Professional");
        long employee = picklists.code(Schemas.RESOURCES, "userType", "Employee");
        for (int i = 0; i < size.resources(); i++) {
            String first = FIRST[(i * 7 + random.nextInt(3)) % FIRST.length];
            String last = LAST[(i * 11 + random.nextInt(5)) % LAST.length];
            Object[] v = row(schema);
            long id = db.allocateId(Schemas.RESOURCES);
            v[0] = id;
            put(schema, v, "firstName", first);
            put(schema, v, "lastName", last);
            String login = ascii(first.charAt(0) + last).toLowerCase();
            put(schema, v, "userName", login + (i + 1));
            put(schema, v, "email", ascii(first + "." + last).toLowerCase().replace("'", "") + "@msp.example");
            put(schema, v, "initials", "" + first.charAt(0) + last.charAt(0));
            put(schema, v, "isActive", i < 2 || i != size.resources() - 1);
            put(schema, v, "licenseType", professional);
            put(schema, v, "userType", employee);
            put(schema, v, "resourceType", "Employee");
            put(schema, v, "title", i == 0 ? "Service Manager" : i % 4 == 1 ? "Senior Engineer" : "Technician");
            put(schema, v, "hireDate", founded.plus(Duration.ofDays(random.nextInt(300))).truncatedTo(ChronoUnit.DAYS));
            put(schema, v, "officePhone", phone());
            put(schema, v, "locationID", 1L);
            int roleCount = 1 + random.nextInt(3);
            List<long[]> mine = new ArrayList<>();
            for (int r = 0; r < roleCount; r++) {
                long role = roles.get(1 + (i + r) % (roles.size() - 1));
                long queue = queues.get((i + r) % queues.size()).code();
                Object[] link = row(rr);
                link[0] = db.allocateId(Schemas.RESOURCE_ROLES);
                put(rr, link, "resourceID", id);
                put(rr, link, "roleID", role);
                put(rr, link, "queueID", queue);
                put(rr, link, "departmentID", 1L);
                put(rr, link, "isActive", true);
                db.put(Schemas.RESOURCE_ROLES, new Row(link, null));
                mine.add(new long[]{role, queue});
            }
            put(schema, v, "defaultServiceDeskRoleID", mine.get(0)[0]);
            db.put(Schemas.RESOURCES, new Row(v, null));
            if (Boolean.TRUE.equals(v[schema.require("isActive").index()])) {
                technicians.add(id);
                rolesByResource.put(id, mine);
            }
        }
    }

    private void companies(Instant founded) {
        EntitySchema schema = db.schemas().get(Schemas.COMPANIES);
        List<PicklistValue> types = picklists.active(Schemas.COMPANIES, "companyType");
        long customer = picklists.code(Schemas.COMPANIES, "companyType", "Customer");
        for (int i = -1; i < size.companies(); i++) {
            Object[] v = row(schema);
            long id = i < 0 ? 0 : db.allocateId(Schemas.COMPANIES);
            v[0] = id;
            String name = i < 0 ? "Horizon Demo MSP"
                    : COMPANY_A[(i + random.nextInt(4)) % COMPANY_A.length] + " " + COMPANY_B[(i * 3 + random.nextInt(5)) % COMPANY_B.length]
                    + (i >= COMPANY_A.length ? " " + (i / COMPANY_A.length + 1) : "");
            Instant created = founded.plus(Duration.ofDays(random.nextInt(120)));
            put(schema, v, "companyName", name);
            put(schema, v, "companyNumber", "C" + (1000 + i + 1));
            put(schema, v, "companyType", i < 0 || random.nextInt(10) < 8 ? customer
                    : types.get(random.nextInt(types.size())).code());
            put(schema, v, "phone", phone());
            put(schema, v, "address1", (10 + random.nextInt(900)) + " " + COMPANY_A[random.nextInt(COMPANY_A.length)] + " Street");
            put(schema, v, "city", CITIES[random.nextInt(CITIES.length)]);
            put(schema, v, "state", STATES[random.nextInt(STATES.length)]);
            put(schema, v, "postalCode", String.format("%05d", random.nextInt(99999)));
            put(schema, v, "countryID", 237L);
            put(schema, v, "webAddress", "https://www." + domain(name));
            put(schema, v, "isActive", i < 0 || random.nextInt(20) != 0);
            put(schema, v, "ownerResourceID", technicians.get(random.nextInt(technicians.size())));
            put(schema, v, "createDate", created);
            put(schema, v, "createdByResourceID", technicians.get(0));
            put(schema, v, "lastActivityDate", created.plus(Duration.ofDays(random.nextInt(60))));
            put(schema, v, "lastTrackedModifiedDateTime", created.plus(Duration.ofDays(random.nextInt(60))));
            put(schema, v, "isClientPortalActive", false);
            put(schema, v, "isTaskFireActive", false);
            put(schema, v, "isTaxExempt", false);
            put(schema, v, "isEnabledForComanaged", false);
            put(schema, v, "isSample", false);
            put(schema, v, "invoiceNonContractItemsToParentCompany", false);
            Map<String, String> udfs = new HashMap<>();
            if (i >= 0 && random.nextInt(3) > 0) {
                udfs.put("CustomerRanking", new String[]{"Golden", "Silver", "Bronze"}[random.nextInt(3)]);
            }
            if (i >= 0 && random.nextInt(4) == 0) {
                udfs.put("OnboardingNotes", "Migrated from previous MSP");
            }
            db.put(Schemas.COMPANIES, new Row(v, udfs));
            if (i >= 0) {
                companies.add(id);
            }
        }
    }

    private void contacts() {
        EntitySchema schema = db.schemas().get(Schemas.CONTACTS);
        Map<Long, String> names = new HashMap<>();
        EntitySchema companySchema = db.schemas().get(Schemas.COMPANIES);
        for (Row c : db.table(Schemas.COMPANIES).rows().values()) {
            names.put(c.id(), (String) c.get(companySchema.require("companyName")));
        }
        for (int i = 0; i < size.contacts() && !companies.isEmpty(); i++) {
            long company = companies.get(i < companies.size() ? i : random.nextInt(companies.size()));
            Object[] v = row(schema);
            long id = db.allocateId(Schemas.CONTACTS);
            v[0] = id;
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            Instant created = now.minus(Duration.ofDays(30L * size.monthsOfHistory() + random.nextInt(200)));
            put(schema, v, "companyID", company);
            put(schema, v, "firstName", first);
            put(schema, v, "lastName", last);
            put(schema, v, "emailAddress", ascii(first + "." + last).toLowerCase().replace("'", "") + i + "@" + domain(names.get(company)));
            put(schema, v, "phone", phone());
            put(schema, v, "mobilePhone", random.nextBoolean() ? phone() : null);
            put(schema, v, "title", new String[]{"Office Manager", "CEO", "Accountant", "Receptionist", "IT Contact",
                    "Engineer", "Sales"}[random.nextInt(7)]);
            put(schema, v, "isActive", random.nextInt(25) == 0 ? 0L : 1L);
            put(schema, v, "primaryContact", i < companies.size());
            put(schema, v, "billingContact", false);
            put(schema, v, "receivesEmailNotifications", true);
            put(schema, v, "isOptedOutFromBulkEmail", false);
            put(schema, v, "solicitationOptOut", false);
            put(schema, v, "surveyOptOut", false);
            put(schema, v, "createDate", created);
            put(schema, v, "lastActivityDate", created.plus(Duration.ofDays(random.nextInt(100))));
            put(schema, v, "lastModifiedDate", created.plus(Duration.ofDays(random.nextInt(100))));
            db.put(Schemas.CONTACTS, new Row(v, null));
            contactsByCompany.computeIfAbsent(company, k -> new ArrayList<>()).add(id);
        }
    }

    private void tickets() {
        if (size.tickets() == 0 || companies.isEmpty()) {
            return;
        }
        EntitySchema t = db.schemas().get(Schemas.TICKETS);
        EntitySchema n = db.schemas().get(Schemas.TICKET_NOTES);
        EntitySchema e = db.schemas().get(Schemas.TIME_ENTRIES);
        long span = Duration.ofDays(30L * size.monthsOfHistory()).toMillis();
        long start = now.toEpochMilli() - span;
        long[] created = new long[size.tickets()];
        for (int i = 0; i < created.length; i++) {
            // sqrt makes the density grow toward today: recent weeks are busier than a year ago
            created[i] = start + (long) (span * Math.sqrt(random.nextDouble()));
        }
        Arrays.sort(created);
        List<PicklistValue> statuses = picklists.active(Schemas.TICKETS, "status").stream()
                .filter(v -> v.code() != Picklists.STATUS_COMPLETE).toList();
        List<PicklistValue> priorities = picklists.active(Schemas.TICKETS, "priority");
        List<PicklistValue> issues = picklists.active(Schemas.TICKETS, "issueType");
        List<PicklistValue> subIssues = picklists.active(Schemas.TICKETS, "subIssueType");
        List<PicklistValue> sources = picklists.active(Schemas.TICKETS, "source");
        List<PicklistValue> types = picklists.active(Schemas.TICKETS, "ticketType");
        long category = picklists.code(Schemas.TICKETS, "ticketCategory", "Standard");
        long publishAll = picklists.code(Schemas.TICKET_NOTES, "publish", "All Autotask Users");
        long publishInternal = picklists.code(Schemas.TICKET_NOTES, "publish", "Internal Only");
        List<PicklistValue> noteTypes = picklists.active(Schemas.TICKET_NOTES, "noteType");
        String[] impacts = {"Single user", "Department", "Whole company"};
        Map<String, List<PicklistValue>> subsByIssue = new HashMap<>();
        for (PicklistValue sub : subIssues) {
            subsByIssue.computeIfAbsent(sub.parentValue(), k -> new ArrayList<>()).add(sub);
        }
        for (long createdAt : created) {
            Instant createDate = Instant.ofEpochMilli(createdAt);
            long ageDays = Duration.between(createDate, now).toDays();
            boolean complete = ageDays > 3 && random.nextDouble() < Math.min(0.97, 0.35 + ageDays / 30.0);
            long company = companies.get(random.nextInt(companies.size()));
            List<Long> contacts = contactsByCompany.getOrDefault(company, List.of());
            long tech = technicians.get(random.nextInt(technicians.size()));
            long[] roleQueue = rolesByResource.get(tech).get(0);
            Object[] v = row(t);
            long id = db.allocateId(Schemas.TICKETS);
            v[0] = id;
            String contactName = FIRST[random.nextInt(FIRST.length)];
            String title = PROBLEMS[random.nextInt(PROBLEMS.length)];
            put(t, v, "ticketNumber", db.nextTicketNumber(createDate));
            put(t, v, "title", title.contains("%s") ? String.format(title, contactName) : title);
            put(t, v, "description", DETAILS[random.nextInt(DETAILS.length)] + " " + DETAILS[random.nextInt(DETAILS.length)]);
            put(t, v, "companyID", company);
            put(t, v, "contactID", contacts.isEmpty() || random.nextInt(8) == 0 ? null : contacts.get(random.nextInt(contacts.size())));
            put(t, v, "status", complete ? Picklists.STATUS_COMPLETE : statuses.get(random.nextInt(statuses.size())).code());
            int roll = random.nextInt(10);
            put(t, v, "priority", priorities.get(Math.min(priorities.size() - 1, roll == 0 ? 0 : roll < 4 ? 1 : roll < 8 ? 2 : 3)).code());
            put(t, v, "queueID", roleQueue[1]);
            PicklistValue issue = issues.get(random.nextInt(issues.size()));
            put(t, v, "issueType", issue.code());
            List<PicklistValue> subs = subsByIssue.getOrDefault(issue.value(), List.of());
            put(t, v, "subIssueType", subs.isEmpty() || random.nextInt(5) == 0 ? null : subs.get(random.nextInt(subs.size())).code());
            put(t, v, "source", sources.get(random.nextInt(sources.size())).code());
            put(t, v, "ticketType", types.get(random.nextInt(10) < 7 ? 0 : random.nextInt(types.size())).code());
            put(t, v, "ticketCategory", category);
            boolean assigned = complete || random.nextInt(6) != 0;
            put(t, v, "assignedResourceID", assigned ? tech : null);
            put(t, v, "assignedResourceRoleID", assigned ? roleQueue[0] : null);
            put(t, v, "creatorResourceID", technicians.get(random.nextInt(technicians.size())));
            put(t, v, "creatorType", 1L);
            put(t, v, "createDate", createDate);
            put(t, v, "dueDateTime", createDate.plus(Duration.ofHours(24 + random.nextInt(96))));
            put(t, v, "estimatedHours", (double) random.nextInt(8));
            put(t, v, "isVisibleToComanaged", false);
            put(t, v, "isAssignedToComanaged", false);
            Instant end = complete ? createDate.plus(Duration.ofMinutes(30 + random.nextInt((int) Math.min(ageDays, 20) * 1440 + 60)))
                    : now;
            if (end.isAfter(now)) {
                end = now;
            }
            Instant last = createDate;
            int notes = random.nextInt(5);
            for (int k = 0; k < notes; k++) {
                Instant at = between(createDate, end);
                long author = assigned ? tech : technicians.get(random.nextInt(technicians.size()));
                Object[] nv = row(n);
                nv[0] = db.allocateId(Schemas.TICKET_NOTES);
                put(n, nv, "ticketID", id);
                put(n, nv, "title", "Update " + (k + 1));
                put(n, nv, "description", NOTES[random.nextInt(NOTES.length)]);
                put(n, nv, "noteType", noteTypes.get(random.nextInt(noteTypes.size())).code());
                put(n, nv, "publish", random.nextInt(3) == 0 ? publishInternal : publishAll);
                put(n, nv, "createDateTime", at);
                put(n, nv, "lastActivityDate", at);
                put(n, nv, "creatorResourceID", author);
                db.put(Schemas.TICKET_NOTES, new Row(nv, null));
                last = max(last, at);
            }
            int entries = assigned ? random.nextInt(4) : 0;
            for (int k = 0; k < entries; k++) {
                Instant startAt = between(createDate, end).truncatedTo(ChronoUnit.MINUTES);
                double hours = (1 + random.nextInt(12)) * 0.25;
                Instant endAt = startAt.plus(Duration.ofMinutes((long) (hours * 60)));
                Object[] ev = row(e);
                ev[0] = db.allocateId(Schemas.TIME_ENTRIES);
                put(e, ev, "resourceID", tech);
                put(e, ev, "roleID", roleQueue[0]);
                put(e, ev, "ticketID", id);
                put(e, ev, "timeEntryType", 2L);
                put(e, ev, "dateWorked", startAt.truncatedTo(ChronoUnit.DAYS));
                put(e, ev, "startDateTime", startAt);
                put(e, ev, "endDateTime", endAt);
                put(e, ev, "hoursWorked", hours);
                put(e, ev, "hoursToBill", hours);
                put(e, ev, "offsetHours", 0.0);
                put(e, ev, "summaryNotes", WORK[random.nextInt(WORK.length)]);
                put(e, ev, "isNonBillable", random.nextInt(10) == 0);
                put(e, ev, "showOnInvoice", true);
                put(e, ev, "isInternalNotesVisibleToComanaged", false);
                put(e, ev, "createDateTime", endAt);
                put(e, ev, "creatorUserID", tech);
                put(e, ev, "lastModifiedDateTime", endAt);
                put(e, ev, "lastModifiedUserID", tech);
                db.put(Schemas.TIME_ENTRIES, new Row(ev, null));
                last = max(last, endAt);
            }
            if (complete) {
                put(t, v, "completedDate", end);
                put(t, v, "completedByResourceID", tech);
                put(t, v, "resolvedDateTime", end);
                put(t, v, "resolution", "Resolved by " + WORK[random.nextInt(WORK.length)].toLowerCase());
                last = max(last, end);
            }
            if (last.isAfter(now)) {
                last = now;
            }
            put(t, v, "lastActivityDate", last);
            put(t, v, "lastTrackedModificationDateTime", last);
            put(t, v, "lastActivityResourceID", tech);
            put(t, v, "lastActivityPersonType", 1L);
            Map<String, String> udfs = null;
            if (random.nextInt(4) == 0) {
                udfs = Map.of("CustomerImpact", impacts[random.nextInt(impacts.length)]);
            }
            db.put(Schemas.TICKETS, new Row(v, udfs));
        }
    }

    private Instant between(Instant from, Instant to) {
        long span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        return Instant.ofEpochMilli(from.toEpochMilli() + (long) (random.nextDouble() * span));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private String phone() {
        return String.format("(%03d) 555-%04d", 200 + random.nextInt(700), random.nextInt(10000));
    }

    private static String domain(String companyName) {
        return ascii(companyName).toLowerCase().replaceAll("[^a-z0-9]+", "") + ".example";
    }

    private static String ascii(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    private static Object[] row(EntitySchema schema) {
        return new Object[schema.fields().size()];
    }

    private static void put(EntitySchema schema, Object[] values, String field, Object value) {
        values[schema.require(field).index()] = value;
    }

    /** Active technicians (real resources that can own tickets), for the activity generator. */
    public List<Long> technicians() {
        return List.copyOf(technicians);
    }
}
