package horizon.ticket;

import horizon.account.CurrentUser;
import horizon.helpdesk.HelpdeskCompany;
import horizon.helpdesk.HelpdeskContact;
import horizon.mirror.MirrorPage;
import horizon.mirror.MirrorQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** {@code /api/v1/companies} and {@code /api/v1/contacts}: the customers and their people, as mirrored. */
@RestController
@Tag(name = "Companies and contacts", description = "The PSA's companies and contacts as mirrored")
class DirectoryApiController {

    private final MirrorQueries mirror;
    private final CurrentUser currentUser;

    DirectoryApiController(MirrorQueries mirror, CurrentUser currentUser) {
        this.mirror = mirror;
        this.currentUser = currentUser;
    }

    /** A company. */
    record CompanyJson(long id, String name, String type, String phone, boolean active, Long ownerResourceId,
                       Instant lastActivityAt, Instant updatedAt) {
        static CompanyJson of(HelpdeskCompany c) {
            return new CompanyJson(c.externalId(), c.name(), c.type(), c.phone(), c.active(), c.ownerResourceId(),
                    c.lastActivityAt(), c.remoteUpdatedAt());
        }
    }

    /** A contact. */
    record ContactJson(long id, Long companyId, String firstName, String lastName, String email, String phone,
                       boolean active, Instant lastActivityAt, Instant lastModifiedAt) {
        static ContactJson of(HelpdeskContact c) {
            return new ContactJson(c.externalId(), c.companyId(), c.firstName(), c.lastName(), c.email(), c.phone(),
                    c.active(), c.lastActivityAt(), c.lastModifiedAt());
        }
    }

    /** A page of companies; {@code next} is null on the last page. */
    record CompanyPage(List<CompanyJson> items, String next) {
    }

    /** A page of contacts; {@code next} is null on the last page. */
    record ContactPage(List<ContactJson> items, String next) {
    }

    @GetMapping("/api/v1/companies")
    @Operation(summary = "List companies by id, a page at a time")
    CompanyPage companies(
            @RequestParam(required = false) @Parameter(description = "part of the name, any case") String name,
            @RequestParam(required = false) @Parameter(description = "page size, 1 to 500 (default 100)")
            Integer limit,
            @RequestParam(required = false) @Parameter(description = "from the previous page's next link")
            String cursor) {
        Paging paging = Paging.of(limit, cursor);
        MirrorPage<HelpdeskCompany> page = mirror.companies(currentUser.accountId(), name, paging.after(),
                paging.limit());
        return new CompanyPage(page.items().stream().map(CompanyJson::of).toList(), Paging.nextLink(
                link("/api/v1/companies", "name", name == null || name.isBlank() ? null : name, paging),
                page.nextAfterExternalId()));
    }

    @GetMapping("/api/v1/contacts")
    @Operation(summary = "List contacts by id, a page at a time")
    ContactPage contacts(
            @RequestParam(required = false) @Parameter(description = "only this company's contacts") Long company,
            @RequestParam(required = false) @Parameter(description = "page size, 1 to 500 (default 100)")
            Integer limit,
            @RequestParam(required = false) @Parameter(description = "from the previous page's next link")
            String cursor) {
        Paging paging = Paging.of(limit, cursor);
        MirrorPage<HelpdeskContact> page = mirror.contacts(currentUser.accountId(), company, paging.after(),
                paging.limit());
        return new ContactPage(page.items().stream().map(ContactJson::of).toList(), Paging.nextLink(
                link("/api/v1/contacts", "company", company, paging), page.nextAfterExternalId()));
    }

    /** The next page's link keeps the one filter a listing has (when given) and the page size. */
    private static UriComponentsBuilder link(String path, String filter, Object value, Paging paging) {
        UriComponentsBuilder next = UriComponentsBuilder.fromPath(path);
        if (value != null) {
            next.queryParam(filter, value);
        }
        return next.queryParam("limit", paging.limit());
    }
}
