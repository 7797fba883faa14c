package horizon.simulator.autotask.web;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an Autotask administrator set up for the web pages: HTML dashboard widgets, LiveLinks, and the
 * {@code allowHtmlWidgetsOnSharedTabs} setting (off by default, as in Autotask). Ids count up from 1 per kind and
 * are not reused; a refused widget or LiveLink takes no id.
 */
public final class WebSetup {
    private final ConcurrentSkipListMap<Long, HtmlWidget> widgets = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, LiveLink> liveLinks = new ConcurrentSkipListMap<>();
    private final AtomicLong nextWidget = new AtomicLong(1);
    private final AtomicLong nextLiveLink = new AtomicLong(1);
    private volatile boolean allowHtmlWidgetsOnSharedTabs;

    public HtmlWidget addWidget(String title, String html, boolean shared) {
        new HtmlWidget(0, title, html, shared);
        HtmlWidget widget = new HtmlWidget(nextWidget.getAndIncrement(), title, html, shared);
        widgets.put(widget.id(), widget);
        return widget;
    }

    public List<HtmlWidget> widgets() {
        return List.copyOf(widgets.values());
    }

    public Optional<HtmlWidget> widget(long id) {
        return Optional.ofNullable(widgets.get(id));
    }

    public boolean deleteWidget(long id) {
        return widgets.remove(id) != null;
    }

    public LiveLink addLiveLink(String name, String url) {
        new LiveLink(0, name, url);
        LiveLink link = new LiveLink(nextLiveLink.getAndIncrement(), name, url);
        liveLinks.put(link.id(), link);
        return link;
    }

    public List<LiveLink> liveLinks() {
        return List.copyOf(liveLinks.values());
    }

    public Optional<LiveLink> liveLink(long id) {
        return Optional.ofNullable(liveLinks.get(id));
    }

    public boolean deleteLiveLink(long id) {
        return liveLinks.remove(id) != null;
    }

    public boolean allowHtmlWidgetsOnSharedTabs() {
        return allowHtmlWidgetsOnSharedTabs;
    }

    public void setAllowHtmlWidgetsOnSharedTabs(boolean allow) {
        this.allowHtmlWidgetsOnSharedTabs = allow;
    }
}
