package horizon.widget;

/** Helpdesk Widget Status on the embedded H2 store. */
class WidgetStatusH2Test extends WidgetStatusCases {
}
