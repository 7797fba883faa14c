package horizon.helpdesk.connectwise;

/**
 * Text as ConnectWise stores it: its JSON bodies do not support {@code \r}, {@code \n}, {@code \b} or {@code \f}, and
 * each comes back as a space (tabs are kept). Horizon sends text already in this form, so what it sent is what it
 * finds again when it looks for an earlier attempt's note or time entry.
 */
final class ConnectWiseStoredText {

    private ConnectWiseStoredText() {
    }

    /** The text with each {@code \r}, {@code \n}, {@code \b} and {@code \f} replaced by one space. */
    static String of(String text) {
        StringBuilder stored = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            stored.append(c == '\r' || c == '\n' || c == '\b' || c == '\f' ? ' ' : c);
        }
        return stored.toString();
    }
}
