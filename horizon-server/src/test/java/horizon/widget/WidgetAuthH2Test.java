package horizon.widget;

/** Widget sign-in on the embedded H2 store. */
class WidgetAuthH2Test extends WidgetAuthCases {
}
