package horizon.web;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The admin menu in setup order (DESIGN §1). A page is a link once a controller serves GET on its path; until then it
 * is listed as coming, so the menu never holds a dead link.
 */
@Component("adminMenu")
public class AdminMenu {

    /** One menu entry; {@code id} is what a page passes to the layout's nav fragment to mark itself active. */
    public record Item(String id, String label, String path, boolean available) {
    }

    /** A titled group of entries. */
    public record Section(String title, List<Item> items) {
    }

    private final RequestMappingHandlerMapping mappings;
    private volatile List<Section> sections;

    AdminMenu(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.mappings = mappings;
    }

    public List<Section> sections() {
        List<Section> current = sections;
        if (current == null) {
            current = build(servedGetPaths());
            sections = current;
        }
        return current;
    }

    private List<Section> build(Set<String> served) {
        return List.of(
                new Section("Integrations → Helpdesk", List.of(
                        item(served, "onboarding", "Onboarding", "/admin/onboarding"),
                        item(served, "helpdesk-config", "Helpdesk Configuration", "/admin/helpdesk/configuration"),
                        item(served, "user-mapping", "Helpdesk User Mapping", "/admin/helpdesk/user-mapping"),
                        item(served, "picklists", "Picklist Database", "/admin/helpdesk/picklists"),
                        item(served, "widget-status", "Helpdesk Widget Status", "/admin/helpdesk/widget-status"),
                        item(served, "callback-status", "Helpdesk Callback Status", "/admin/helpdesk/callback-status"),
                        item(served, "sync-runs", "Sync Run logs", "/admin/helpdesk/sync-runs"),
                        item(served, "callback-log", "Callback Log", "/admin/helpdesk/callback-log"))),
                new Section("Account", List.of(
                        item(served, "users", "Users & API tokens", "/admin/users"))));
    }

    private static Item item(Set<String> served, String id, String label, String path) {
        return new Item(id, label, path, served.contains(path));
    }

    private Set<String> servedGetPaths() {
        return mappings.getHandlerMethods().keySet().stream()
                .filter(info -> info.getMethodsCondition().getMethods().isEmpty()
                        || info.getMethodsCondition().getMethods().contains(RequestMethod.GET))
                .flatMap(info -> info.getPatternValues().stream())
                .collect(Collectors.toSet());
    }
}
