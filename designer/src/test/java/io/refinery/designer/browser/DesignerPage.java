package io.refinery.designer.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The process designer as a user sees it: the bpmn-js canvas with its palette, the properties panel, the toolbar and
 * the problem list. Questions about the diagram go to bpmn-js itself (the element registry), as the canvas is SVG.
 */
final class DesignerPage {
    static final String PATH = "/processes/designer";
    static final By MODELER = By.cssSelector("refinery-bpmn-modeler");
    static final By PALETTE = By.cssSelector("refinery-bpmn-modeler .djs-palette");
    private final Browser browser;

    DesignerPage(Browser browser) {
        this.browser = browser;
        browser.visible(PALETTE);
        awaitShapes();
    }

    static DesignerPage open(Browser browser, String query) {
        browser.open(PATH + (query == null ? "" : "?" + query));
        return new DesignerPage(browser);
    }

    /** Waits until bpmn-js has shapes on the canvas (the import is done). */
    void awaitShapes() {
        browser.await(d -> ((Number) js("const m = arguments[0].querySelector('.djs-container');"
                + "return document.querySelectorAll('refinery-bpmn-modeler .djs-shape').length;")).intValue() > 0);
    }

    Object js(String script, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = browser.driver.findElement(MODELER);
        System.arraycopy(args, 0, all, 1, args.length);
        return ((JavascriptExecutor) browser.driver).executeScript(script, all);
    }

    /** Runs {@code body} with {@code el} (the modeler element) and {@code done} (callback) in scope. */
    Object asyncJs(String body, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = browser.driver.findElement(MODELER);
        System.arraycopy(args, 0, all, 1, args.length);
        browser.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return ((JavascriptExecutor) browser.driver).executeAsyncScript(
                "const el = arguments[0]; const done = arguments[arguments.length - 1];" + body, all);
    }

    /** The modeler's XML as saveXML({format: true}) gives it. */
    String xml() {
        return (String) asyncJs("el.xml().then(done, e => done('ERROR ' + e.message));");
    }

    /** Opens a diagram straight in the element (as the view does after an import). */
    String openXml(String xml) {
        return (String) asyncJs("el.open(arguments[1], false).then(r => done('ok'), e => done('ERROR ' + e.message));",
                xml);
    }

    /**
     * Center of an element on the page, in CSS pixels, from bpmn-js' model and viewbox (for a flow: the middle of its
     * longest segment).
     */
    @SuppressWarnings("unchecked")
    Map<String, Number> center(String elementId) {
        return (Map<String, Number>) js("const bpmn = arguments[0]._bpmn; const canvas = bpmn.get('canvas');"
                + "const e = bpmn.get('elementRegistry').get(arguments[1]); const vb = canvas.viewbox();"
                + "const box = canvas.getContainer().getBoundingClientRect(); let x, y;"
                + "if (e.waypoints) { let best = 0; for (let i = 1; i < e.waypoints.length; i++) {"
                + "  const a = e.waypoints[i - 1], b = e.waypoints[i]; const len = Math.hypot(b.x - a.x, b.y - a.y);"
                + "  if (len > best) { best = len; x = (a.x + b.x) / 2; y = (a.y + b.y) / 2; } } }"
                + "else { x = e.x + e.width / 2; y = e.y + e.height / 2; }"
                + "return {x: box.left + (x - vb.x) * vb.scale, y: box.top + (y - vb.y) * vb.scale};", elementId);
    }

    /** Ids of the flow elements the diagram has now, from bpmn-js' element registry. */
    @SuppressWarnings("unchecked")
    List<String> elementIds() {
        return (List<String>) js("return Array.from(arguments[0].querySelectorAll('.djs-element[data-element-id]'))"
                + ".map(e => e.getAttribute('data-element-id'));");
    }

    WebElement paletteStep(String templateId) {
        return browser.visible(By.cssSelector("refinery-bpmn-modeler .djs-palette .entry.refinery-step-entry"
                + "[data-template='" + templateId + "']"));
    }

    /** Drags a dataset step from the palette and drops it at a page position (mouse down, moves, mouse up). */
    void dragStepTo(String templateId, double x, double y) {
        WebElement entry = paletteStep(templateId);
        Actions actions = new Actions(browser.driver);
        actions.moveToElement(entry).clickAndHold().moveByOffset(30, 0).perform();
        moveTo(x - 20, y);
        moveTo(x, y);
        new Actions(browser.driver).release().perform();
    }

    /** Moves the mouse to a viewport position (CSS pixels). */
    private void moveTo(double x, double y) {
        new Actions(browser.driver).moveToLocation((int) Math.round(x), (int) Math.round(y)).perform();
    }

    void click(String id) {
        browser.visible(By.id(id)).click();
    }

    void clickElement(String elementId) {
        Map<String, Number> c = center(elementId);
        moveTo(c.get("x").doubleValue(), c.get("y").doubleValue());
        new Actions(browser.driver).click().perform();
    }

    /**
     * Selects an element by a click on it, as a user would, and clicks again (a second later: not a double click) while
     * it is not selected: diagram-js swallows a click that comes within 400 ms, on its own timer, of the end of a drag
     * (its guard against ghost clicks), and under load that timer runs late.
     */
    void select(String elementId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            clickElement(elementId);
            try {
                new WebDriverWait(browser.driver, Duration.ofSeconds(1))
                        .until(d -> List.of(elementId).equals(selection()));
                return;
            } catch (TimeoutException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(elementId + " is not selected after clicks for 30 s; selection: "
                            + selection(), notYet);
                }
            }
        }
    }

        /** Presses keys on the focused canvas. */
    void keys(CharSequence... keys) {
        new Actions(browser.driver).sendKeys(keys).perform();
    }

    void undoByKeyboard() {
        new Actions(browser.driver).keyDown(Keys.CONTROL).sendKeys("z").keyUp(Keys.CONTROL).perform();
    }

    /** The properties panel's text input of an entry (by its data-entry-id) after a click on the element. */
    WebElement propertyInput(String entryId) {
        return browser.visible(By.cssSelector("refinery-bpmn-modeler .bio-properties-panel [data-entry-id='"
                + entryId + "'] input, refinery-bpmn-modeler .bio-properties-panel [data-entry-id='" + entryId
                + "'] textarea"));
    }

    /** Waits for a shape whose business object carries the element template, and gives its id. */
    String awaitElementWithTemplate(String templateId) {
        return browser.await(d -> (String) js("const r = arguments[0]._bpmn.get('elementRegistry');"
                + "const e = r.find(x => x.businessObject && x.type !== 'label'"
                + " && x.businessObject.get('camunda:modelerTemplate') === arguments[1]); return e ? e.id : null;",
                templateId));
    }

    @SuppressWarnings("unchecked")
    List<String> predecessors(String elementId) {
        return (List<String>) js("const e = arguments[0]._bpmn.get('elementRegistry').get(arguments[1]);"
                + "return e.incoming.filter(c => c.type === 'bpmn:SequenceFlow').map(c => c.source.id);", elementId);
    }

    @SuppressWarnings("unchecked")
    List<String> successors(String elementId) {
        return (List<String>) js("const e = arguments[0]._bpmn.get('elementRegistry').get(arguments[1]);"
                + "return e.outgoing.filter(c => c.type === 'bpmn:SequenceFlow').map(c => c.target.id);", elementId);
    }

    /** The value of a camunda:inputParameter of an element, as the model has it now. */
    String inputParameter(String elementId, String name) {
        return (String) js("const e = arguments[0]._bpmn.get('elementRegistry').get(arguments[1]);"
                + "const ext = (e.businessObject.extensionElements || {}).values || [];"
                + "const io = ext.find(v => v.$type === 'camunda:InputOutput');"
                + "const p = io && (io.inputParameters || []).find(p => p.name === arguments[2]);"
                + "return p ? p.value : null;", elementId, name);
    }

    /** The process's camunda:historyTimeToLive as the model has it now (null when unset). */
    String historyTimeToLive() {
        return (String) js("const bo = arguments[0]._bpmn.get('canvas').getRootElement().businessObject;"
                + "const v = bo.get('camunda:historyTimeToLive'); return v === undefined || v === null ? null : String(v);");
    }

    /** The text input of the (template) entry whose label starts with {@code label}, its group opened if needed. */
    WebElement templateInput(String label) {
        By entry = By.xpath("//refinery-bpmn-modeler//div[contains(@class,'bio-properties-panel-entry')]"
                + "[.//label[starts-with(normalize-space(.), '" + label + "')]]");
        GroupOpener opener = new GroupOpener();
        return browser.await(d -> {
            List<WebElement> found = d.findElements(entry);
            List<WebElement> inputs = found.isEmpty() ? List.of()
                    : found.get(0).findElements(By.cssSelector("input, textarea"));
            if (inputs.isEmpty() || !inputs.get(0).isDisplayed()) {
                opener.openClosed(By.cssSelector(
                        "refinery-bpmn-modeler .bio-properties-panel-group-header:not(.open)"));
                return null;
            }
            return inputs.get(0);
        });
    }

    /** The input of entry {@code entryId} in group {@code groupId} of the properties panel, the group opened. */
    WebElement processInput(String groupId, String entryId) {
        By header = By.cssSelector("refinery-bpmn-modeler [data-group-id='group-" + groupId + "']"
                + " .bio-properties-panel-group-header:not(.open)");
        By input = By.cssSelector("refinery-bpmn-modeler [data-entry-id='" + entryId + "'] input");
        GroupOpener opener = new GroupOpener();
        return browser.await(d -> {
            List<WebElement> inputs = d.findElements(input);
            if (!inputs.isEmpty() && inputs.get(0).isDisplayed()) {
                return inputs.get(0);
            }
            opener.openClosed(header);
            return null;
        });
    }

    /**
     * Opens closed groups of the properties panel by a click on their header, each at most once in a while: a header
     * clicked again before its group showed as open (a slow render under load) would close it again.
     */
    private final class GroupOpener {
        private static final long PATIENCE_MS = 5_000;
        private final Map<String, Long> clicked = new HashMap<>();

        void openClosed(By closedHeaders) {
            long now = System.currentTimeMillis();
            for (WebElement header : browser.driver.findElements(closedHeaders)) {
                String group = (String) js("const g = arguments[1].closest('[data-group-id]');"
                        + "return g ? g.getAttribute('data-group-id') : '';", header);
                Long last = clicked.get(group);
                if (header.isDisplayed() && (last == null || now - last > PATIENCE_MS)) {
                    header.click();
                    clicked.put(group, now);
                }
            }
        }
    }

    /** Replaces the text of a properties panel input as a user would: select all, type. */
    void replaceText(WebElement input, String text) {
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"));
        input.sendKeys(text.isEmpty() ? Keys.BACK_SPACE.toString() : text);
    }

    /** Clicks empty canvas (selects the process). */
    void clickCanvasBackground() {
        Map<?, ?> p = (Map<?, ?>) js("const c = arguments[0].querySelector('.rbm-canvas').getBoundingClientRect();"
                + "return {x: c.right - 60, y: c.bottom - 60};");
        moveTo(((Number) p.get("x")).doubleValue(), ((Number) p.get("y")).doubleValue());
        new Actions(browser.driver).click().perform();
        // the properties panel re-renders for the process after the click; an input looked up before that
        // belongs to the element selected before (a slow machine showed it)
        browser.await(d -> Boolean.TRUE.equals(js("const m = arguments[0]._bpmn;"
                + "const header = arguments[0].querySelector('.bio-properties-panel-header-type');"
                + "return m.get('selection').get().length === 0 && header != null"
                + " && header.textContent.trim().toLowerCase() === 'process';")));
    }

    /** Removes an element as a user does: select it, then the context pad's trash can. */
    void deleteByContextPad(String elementId) {
        select(elementId);
        browser.visible(By.cssSelector(".djs-context-pad .entry[data-action='delete']")).click();
        browser.await(d -> !elementIds().contains(elementId));
    }

    /**
     * Draws a sequence flow by drag and drop: from the context pad's connect handle of {@code from} onto {@code to}.
     */
    void connect(String from, String to) {
        select(from);
        WebElement handle = browser.visible(By.cssSelector(".djs-context-pad .entry[data-action='connect']"));
        Map<String, Number> target = center(to);
        new Actions(browser.driver).moveToElement(handle).clickAndHold().moveByOffset(20, 10).perform();
        moveTo(target.get("x").doubleValue() - 10, target.get("y").doubleValue());
        moveTo(target.get("x").doubleValue(), target.get("y").doubleValue());
        new Actions(browser.driver).release().perform();
        browser.await(d -> successors(from).contains(to));
    }

    /** Clicks the confirm button of the open confirm dialog. */
    void confirm() {
        browser.await(d -> d.findElements(By.cssSelector("[slot='confirm-button']")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null)).click();
    }

    /** Waits for a notification whose text starts with {@code prefix} and gives its whole text. */
    String notification(String prefix) {
        return browser.await(d -> d.findElements(By.tagName("vaadin-notification-card")).stream()
                .map(WebElement::getText).filter(t -> t.startsWith(prefix)).findFirst().orElse(null));
    }

    /** Imports a file through the toolbar's Import (the upload's file input). */
    void importFile(Path file) {
        WebElement upload = browser.driver.findElement(By.id("import"));
        WebElement input = upload.getShadowRoot().findElement(By.cssSelector("input[type=file]"));
        input.sendKeys(file.toAbsolutePath().toString());
    }

    @SuppressWarnings("unchecked")
    List<String> selection() {
        return (List<String>) js("return arguments[0]._bpmn.get('selection').get().map(e => e.id);");
    }

    /** Clicks the problem list's row whose message starts with {@code prefix}. */
    void clickProblem(String prefix) {
        browser.await(d -> d.findElements(By.cssSelector("vaadin-grid#problems vaadin-grid-cell-content")).stream()
                .filter(c -> c.getText().startsWith(prefix)).findFirst().orElse(null)).click();
    }

    /** Texts of the problem list's message cells. */
    List<String> problemTexts() {
        return browser.driver.findElements(By.cssSelector("vaadin-grid#problems vaadin-grid-cell-content")).stream()
                .map(WebElement::getText).filter(t -> !t.isBlank()).toList();
    }
}
