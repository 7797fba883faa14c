package horizon.widget;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short readable name for the browser a User-Agent header names, as Widget Status lists them: "Chrome 131 on Linux",
 * "Safari 18.4 on iOS", "Edge 131 on Windows". Only what helps an admin tell browsers apart (name, major version,
 * system); anything it does not know is named by its first product token.
 */
final class BrowserNames {

    /** What a User-Agent token says, checked in this order: Edge and Opera also say Chrome, Chrome also says Safari. */
    private record Browser(String name, Pattern version) {
    }

    private static final List<Browser> BROWSERS = List.of(
            new Browser("Edge", Pattern.compile("\\b(?:Edg|Edge|EdgA|EdgiOS)/(\\d+)")),
            new Browser("Opera", Pattern.compile("\\b(?:OPR|OPT)/(\\d+)")),
            new Browser("Samsung Internet", Pattern.compile("\\bSamsungBrowser/(\\d+)")),
            new Browser("Firefox", Pattern.compile("\\b(?:Firefox|FxiOS)/(\\d+)")),
            new Browser("Chrome (headless)", Pattern.compile("\\bHeadlessChrome/(\\d+)")),
            new Browser("Chrome", Pattern.compile("\\b(?:Chrome|CriOS)/(\\d+)")),
            new Browser("Safari", Pattern.compile("\\bVersion/(\\d+(?:\\.\\d+)?)(?:\\.\\d+)*(?: Mobile/\\S+)? Safari/")));
    private static final Pattern FIRST_PRODUCT = Pattern.compile("^([A-Za-z][\\w.-]*)(?:/(\\d+(?:\\.\\d+)?))?");
    private static final Pattern CHROME_OS = Pattern.compile("\\bCrOS\\b");
    private static final int MAX_OTHER = 40;

    private BrowserNames() {
    }

    /** The browser's short name; "unknown browser" when the widget's request named none. */
    static String name(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "unknown browser";
        }
        String ua = userAgent.strip();
        String system = system(ua);
        for (Browser browser : BROWSERS) {
            Matcher version = browser.version().matcher(ua);
            if (version.find()) {
                String name = browser.name().equals("Chrome (headless)")
                        ? "Chrome " + version.group(1) + " (headless)"
                        : browser.name() + " " + version.group(1);
                return system == null ? name : name + " on " + system;
            }
        }
        Matcher product = FIRST_PRODUCT.matcher(ua);
        if (product.find()) {
            // Every browser's header starts "Mozilla/5.0"; one not known above is just another browser.
            String name = product.group(1).equals("Mozilla") ? "Other browser"
                    : product.group(1) + (product.group(2) == null ? "" : " " + product.group(2));
            return system == null ? name : name + " on " + system;
        }
        return ua.length() <= MAX_OTHER ? ua : ua.substring(0, MAX_OTHER) + "…";
    }

    /** The operating system, from the most specific sign to the least (Android also says Linux, iPad Mac OS X). */
    private static String system(String ua) {
        String lower = ua.toLowerCase(Locale.ROOT);
        if (lower.contains("android")) {
            return "Android";
        }
        if (lower.contains("iphone") || lower.contains("ipod")) {
            return "iOS";
        }
        if (lower.contains("ipad")) {
            return "iPadOS";
        }
        if (CHROME_OS.matcher(ua).find()) {
            return "ChromeOS";
        }
        if (lower.contains("windows")) {
            return "Windows";
        }
        if (lower.contains("mac os x") || lower.contains("macintosh")) {
            return "macOS";
        }
        if (lower.contains("linux") || lower.contains("x11")) {
            return "Linux";
        }
        return null;
    }
}
