package horizon.mapping;

import horizon.account.Accounts;
import horizon.account.HorizonUser;
import horizon.account.InvalidInput;
import horizon.account.Role;
import horizon.account.UserRepository;
import horizon.helpdesk.HelpdeskUser;
import horizon.mirror.MirrorQueries;
import horizon.mirror.MirroredEntity;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Binds helpdesk users (PSA resources, read from the mirror) to Horizon users of the same account: lists them with
 * their mapping and e-mail suggestion, binds, unbinds, accepts suggestions and creates Horizon agents from PSA users.
 * A Horizon user maps to at most one helpdesk user; the table's unique key holds that even under concurrent requests.
 */
@Service
public class MappingHelpdeskUsers {

    private static final Logger log = LoggerFactory.getLogger(MappingHelpdeskUsers.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HelpdeskUserMappingRepository mappings;
    private final MirrorQueries mirror;
    private final UserRepository users;
    private final Accounts accounts;
    private final Clock clock;

    MappingHelpdeskUsers(HelpdeskUserMappingRepository mappings, MirrorQueries mirror, UserRepository users,
                         Accounts accounts, Clock clock) {
        this.mappings = mappings;
        this.mirror = mirror;
        this.users = users;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * The helpdesk user a Horizon user is mapped to, as the mirror holds it (tombstoned or inactive ones too: the
     * caller decides); empty when the user is not mapped.
     */
    public Optional<HelpdeskUser> helpdeskUserOf(long accountId, long horizonUserId) {
        return mappings.findByHorizonUser(accountId, horizonUserId)
                .flatMap(m -> mirror.find(accountId, MirroredEntity.HELPDESK_USERS, m.helpdeskUserExternalId()));
    }

    /**
     * The Horizon user a helpdesk user is mapped to (enabled or not: the caller decides); empty when the helpdesk user
     * is not mapped. The reverse of {@link #helpdeskUserOf}.
     */
    public Optional<HorizonUser> horizonUserOf(long accountId, long helpdeskUserExternalId) {
        return mappings.findByHelpdeskUser(accountId, helpdeskUserExternalId)
                .flatMap(m -> users.findInAccount(accountId, m.horizonUserId()));
    }

    /** Every active helpdesk user with its mapping or suggestion, the mappings of the others, and who is free. */
    public MappingOverview overview(long accountId) {
        Snapshot snapshot = snapshot(accountId);
        List<MappedHelpdeskUser> active = new ArrayList<>();
        List<MappingOverview.OtherMapping> others = new ArrayList<>();
        Set<Long> shown = new HashSet<>();
        for (HelpdeskUser user : snapshot.helpdeskUsers) {
            if (user.active()) {
                active.add(snapshot.describe(user));
                shown.add(user.externalId());
            }
        }
        Map<Long, HelpdeskUser> byId = snapshot.helpdeskUsers.stream()
                .collect(Collectors.toMap(HelpdeskUser::externalId, Function.identity()));
        for (HelpdeskUserMapping mapping : snapshot.byHelpdeskUser.values()) {
            if (!shown.contains(mapping.helpdeskUserExternalId())) {
                HelpdeskUser user = byId.get(mapping.helpdeskUserExternalId());
                others.add(new MappingOverview.OtherMapping(mapping.helpdeskUserExternalId(),
                        user == null ? null : MappedHelpdeskUser.displayName(user),
                        snapshot.horizonUsers.get(mapping.horizonUserId())));
            }
        }
        others.sort(Comparator.comparingLong(MappingOverview.OtherMapping::helpdeskUserExternalId));
        return new MappingOverview(active, others, snapshot.unmappedHorizonUsers());
    }

    /** Every live helpdesk user (active or not) with its mapping or suggestion, as the REST API lists them. */
    public List<MappedHelpdeskUser> allHelpdeskUsers(long accountId) {
        Snapshot snapshot = snapshot(accountId);
        return snapshot.helpdeskUsers.stream().map(snapshot::describe).toList();
    }

    /** One live helpdesk user with its mapping or suggestion. */
    public MappedHelpdeskUser helpdeskUser(long accountId, long externalId) {
        Snapshot snapshot = snapshot(accountId);
        return snapshot.helpdeskUsers.stream()
                .filter(u -> u.externalId() == externalId)
                .findFirst()
                .map(snapshot::describe)
                .orElseThrow(() -> unknownHelpdeskUser(externalId));
    }

    /**
     * Binds a helpdesk user to a Horizon user of the account, replacing the helpdesk user's earlier binding.
     * Binding the pair that is already bound changes nothing.
     */
    @Transactional
    public MappedHelpdeskUser bind(long accountId, long helpdeskUserId, long horizonUserId, long byUserId) {
        HelpdeskUser helpdeskUser = liveHelpdeskUser(accountId, helpdeskUserId);
        HorizonUser horizonUser = users.findInAccount(accountId, horizonUserId)
                .orElseThrow(() -> new MappingRefused(MappingRefused.Reason.HORIZON_USER_UNKNOWN,
                        "There is no Horizon user " + horizonUserId + " in this account."));
        Optional<HelpdeskUserMapping> taken = mappings.findByHorizonUser(accountId, horizonUserId);
        if (taken.isPresent()) {
            if (taken.get().helpdeskUserExternalId() == helpdeskUserId) {
                return helpdeskUser(accountId, helpdeskUserId);
            }
            throw takenBy(accountId, horizonUser, taken.get().helpdeskUserExternalId());
        }
        mappings.delete(accountId, helpdeskUserId);
        try {
            mappings.insert(new HelpdeskUserMapping(accountId, helpdeskUserId, horizonUserId, clock.instant(),
                    byUserId));
        } catch (DuplicateKeyException e) {
            // Another request bound this Horizon user (or this helpdesk user) between our check and the insert.
            throw new MappingRefused(MappingRefused.Reason.HORIZON_USER_TAKEN, horizonUser.displayName()
                    + " was just mapped by someone else; reload the page and try again.");
        }
        log.info("account={} helpdesk user {} ({}) mapped to Horizon user {} by user {}", accountId, helpdeskUserId,
                MappedHelpdeskUser.displayName(helpdeskUser), horizonUserId, byUserId);
        return helpdeskUser(accountId, helpdeskUserId);
    }

    /** Removes a helpdesk user's binding; returns whether there was one. */
    @Transactional
    public boolean unbind(long accountId, long helpdeskUserId, long byUserId) {
        boolean removed = mappings.delete(accountId, helpdeskUserId);
        if (!removed && mirror.find(accountId, MirroredEntity.HELPDESK_USERS, helpdeskUserId).isEmpty()) {
            throw unknownHelpdeskUser(helpdeskUserId);
        }
        if (removed) {
            log.info("account={} helpdesk user {} unmapped by user {}", accountId, helpdeskUserId, byUserId);
        }
        return removed;
    }

    /** Binds an unmapped helpdesk user to the Horizon user suggested by e-mail. */
    @Transactional
    public MappedHelpdeskUser acceptSuggestion(long accountId, long helpdeskUserId, long byUserId) {
        MappedHelpdeskUser current = helpdeskUser(accountId, helpdeskUserId);
        if (current.mapped()) {
            throw new MappingRefused(MappingRefused.Reason.NOT_APPLICABLE,
                    current.displayName() + " is already mapped to " + current.mappedTo().displayName() + ".");
        }
        if (current.suggestion() == null) {
            throw new MappingRefused(MappingRefused.Reason.NOT_APPLICABLE, "No Horizon user has the e-mail of "
                    + current.displayName() + "; choose a user or create one instead.");
        }
        return bind(accountId, helpdeskUserId, current.suggestion().id(), byUserId);
    }

    /**
     * Creates a Horizon agent with the helpdesk user's e-mail and name and a generated temporary password, and binds
     * the two. Refused when the helpdesk user is mapped, has no e-mail, or a Horizon user already has that e-mail.
     */
    @Transactional
    public CreatedHorizonUser createHorizonUser(long accountId, long helpdeskUserId, long byUserId) {
        MappedHelpdeskUser current = helpdeskUser(accountId, helpdeskUserId);
        if (current.mapped()) {
            throw new MappingRefused(MappingRefused.Reason.NOT_APPLICABLE,
                    current.displayName() + " is already mapped to " + current.mappedTo().displayName() + ".");
        }
        String email = normalizedEmail(current.helpdeskUser().email());
        if (email == null) {
            throw new MappingRefused(MappingRefused.Reason.NOT_APPLICABLE, current.displayName()
                    + " has no e-mail address in the helpdesk; add one there, or bind an existing Horizon user.");
        }
        Optional<HorizonUser> sameEmail = users.findByAccount(accountId).stream()
                .filter(u -> u.email().equals(email)).findFirst();
        if (sameEmail.isPresent()) {
            throw new MappingRefused(MappingRefused.Reason.NOT_APPLICABLE, "Horizon user "
                    + sameEmail.get().displayName() + " already has the e-mail " + email
                    + "; accept the suggestion or bind that user instead.");
        }
        String password = temporaryPassword();
        HorizonUser created;
        try {
            created = accounts.addUser(accountId, email, current.displayName(), password, Role.AGENT);
        } catch (InvalidInput e) {
            throw new MappingRefused(MappingRefused.Reason.NOT_APPLICABLE,
                    "Cannot create a Horizon user for " + current.displayName() + ": " + e.getMessage());
        }
        bind(accountId, helpdeskUserId, created.id(), byUserId);
        return new CreatedHorizonUser(created, password);
    }

    private HelpdeskUser liveHelpdeskUser(long accountId, long externalId) {
        return mirror.find(accountId, MirroredEntity.HELPDESK_USERS, externalId)
                .orElseThrow(() -> unknownHelpdeskUser(externalId));
    }

    private MappingRefused takenBy(long accountId, HorizonUser horizonUser, long otherHelpdeskUserId) {
        String other = mirror.find(accountId, MirroredEntity.HELPDESK_USERS, otherHelpdeskUserId)
                .map(MappedHelpdeskUser::displayName)
                .orElse("resource " + otherHelpdeskUserId);
        return new MappingRefused(MappingRefused.Reason.HORIZON_USER_TAKEN, horizonUser.displayName()
                + " is already mapped to helpdesk user " + other + " (" + otherHelpdeskUserId
                + "). A Horizon user maps to one helpdesk user only: unbind that one first.");
    }

    private static MappingRefused unknownHelpdeskUser(long externalId) {
        return new MappingRefused(MappingRefused.Reason.HELPDESK_USER_UNKNOWN,
                "There is no helpdesk user " + externalId + " in this account's mirror.");
    }

    static String normalizedEmail(String email) {
        return email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    private static String temporaryPassword() {
        // 18 random bytes: 24 URL-safe characters, well over the 12-character minimum and under bcrypt's 72 bytes.
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Snapshot snapshot(long accountId) {
        List<HelpdeskUser> helpdeskUsers = mirror.helpdeskUsers(accountId, false);
        Map<Long, HorizonUser> horizonUsers = new HashMap<>();
        List<HorizonUser> ordered = users.findByAccount(accountId);
        ordered.forEach(u -> horizonUsers.put(u.id(), u));
        Map<Long, HelpdeskUserMapping> byHelpdeskUser = new LinkedHashMap<>();
        for (HelpdeskUserMapping mapping : mappings.findAll(accountId)) {
            byHelpdeskUser.put(mapping.helpdeskUserExternalId(), mapping);
        }
        return new Snapshot(helpdeskUsers, ordered, horizonUsers, byHelpdeskUser);
    }

    /** One consistent read of the three sources a mapping view is built from. */
    private record Snapshot(List<HelpdeskUser> helpdeskUsers, List<HorizonUser> orderedHorizonUsers,
                            Map<Long, HorizonUser> horizonUsers, Map<Long, HelpdeskUserMapping> byHelpdeskUser) {

        MappedHelpdeskUser describe(HelpdeskUser user) {
            HelpdeskUserMapping mapping = byHelpdeskUser.get(user.externalId());
            if (mapping != null) {
                HorizonUser by = mapping.mappedBy() == null ? null : horizonUsers.get(mapping.mappedBy());
                return new MappedHelpdeskUser(user, horizonUsers.get(mapping.horizonUserId()), mapping.mappedAt(),
                        by == null ? null : by.displayName(), null);
            }
            return new MappedHelpdeskUser(user, null, null, null, suggestionFor(user));
        }

        private HorizonUser suggestionFor(HelpdeskUser user) {
            String email = normalizedEmail(user.email());
            if (email == null) {
                return null;
            }
            Set<Long> taken = byHelpdeskUser.values().stream().map(HelpdeskUserMapping::horizonUserId)
                    .collect(Collectors.toSet());
            // Horizon stores e-mails lower-case; the PSA's may be any case.
            return orderedHorizonUsers.stream()
                    .filter(u -> !taken.contains(u.id()) && u.email().equals(email))
                    .findFirst().orElse(null);
        }

        List<HorizonUser> unmappedHorizonUsers() {
            Set<Long> taken = byHelpdeskUser.values().stream().map(HelpdeskUserMapping::horizonUserId)
                    .collect(Collectors.toSet());
            return orderedHorizonUsers.stream().filter(u -> !taken.contains(u.id())).toList();
        }
    }
}
