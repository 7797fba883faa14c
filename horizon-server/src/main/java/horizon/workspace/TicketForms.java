package horizon.workspace;

import horizon.helpdesk.PicklistValue;
import horizon.writeback.ActionChecks;
import java.util.List;

/**
 * What the ticket page's action forms offer: drawn once with the page and never refreshed under the agent's hands.
 *
 * @param assignees  active helpdesk users (one option per user and role, where the PSA's users list roles)
 * @param assigned   the option of the ticket's current assignee, or empty
 * @param assignToMe the option that assigns the agent's own helpdesk user, null when the agent is not mapped
 * @param statuses   the statuses the ticket can be set to
 * @param roles      the roles the agent can log time in
 */
public record TicketForms(List<TicketLabels.Choice> assignees, String assigned, String assignToMe,
                          List<PicklistValue> statuses, List<ActionChecks.RoleChoice> roles) {
}
