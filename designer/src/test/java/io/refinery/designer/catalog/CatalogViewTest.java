package io.refinery.designer.catalog;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.refinery.designer.UiTestSupport;
import io.refinery.engine.catalog.ApiTokens;
import io.refinery.engine.catalog.Catalog;
import io.refinery.engine.catalog.CatalogFixture;
import io.refinery.engine.catalog.Grants;
import io.refinery.engine.release.ReleaseService;
import io.refinery.engine.release.ReleaseService.Release;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class CatalogViewTest extends UiTestSupport {
    static final List<String> LABELS = List.of("billing", "delivery", "refund");
    @Autowired
    ApplicationContext context;
    @Autowired
    ApiTokens tokens;
    @Autowired
    Grants grants;

    String name;
    long datasetId;
    ReleaseService.Release v10;
    ReleaseService.Release v11;

    /** 1.0: 60 items, 20 per class, with an HTML report; 1.1: 10 removed, 5 added (refund), 3 relabelled. */
    @BeforeEach
    void twoReleases() throws Exception {
        CatalogFixture fixture = new CatalogFixture(context);
        name = "ui-catalog-" + System.nanoTime();
        datasetId = fixture.dataset(name);
        List<CatalogFixture.Item> first = CatalogFixture.items("ticket", 60, LABELS);
        v10 = fixture.release(fixture.version(datasetId, LABELS, first), 60, true);
        List<CatalogFixture.Item> second = new ArrayList<>(first.subList(10, 60));
        for (int i = 0; i < 3; i++) {
            second.set(i, new CatalogFixture.Item(second.get(i).text(), "refund".equals(second.get(i).label()) ? "billing" : "refund"));
        }
        second.addAll(CatalogFixture.items("new", 5, List.of("refund")));
        v11 = fixture.release(fixture.version(datasetId, LABELS, second), 55, false);
    }

    @SuppressWarnings("unchecked")
    private static <T> Grid<T> grid(String id) {
        return _get(Grid.class, spec -> spec.withId(id));
    }

    @Test
    void shouldListDatasetsAndVersionsAndOpenAReleaseWithReportDatasheetManifestAndDiff() {
        signIn("manager");
        UI.getCurrent().navigate("catalog");
        Grid<Catalog.DatasetEntry> datasets = grid("catalog-datasets");
        Catalog.DatasetEntry mine = GridKt._findAll(datasets).stream().filter(d -> d.id() == datasetId).findFirst().orElseThrow();
        assertThat(mine.nextLabel()).isEqualTo("1.2");
        datasets.select(mine);
        Grid<Release> versions = grid("catalog-versions");
        assertThat(GridKt._findAll(versions)).extracting(Release::label).containsExactly("1.1", "1.0");
        assertThat(_get(H3.class, spec -> spec.withText("Versions of " + name))).isNotNull();

        // a manager announces 2.0
        _get(Button.class, spec -> spec.withId("next-major")).click();
        NotificationsKt.expectNotifications("The next release of " + name + " will be 2.0");

        Button open = (Button) GridKt._getCellComponent(versions, 1, "open");
        assertThat(open.getId()).hasValue("open-release-" + v10.id());
        open.click();
        _get(ReleaseView.class);
        assertThat(_get(H2.class, spec -> spec.withId("release-title")).getText()).isEqualTo(name + " 1.0");
        assertThat(_get(Span.class, spec -> spec.withId("release-facts")).getText()).startsWith("60 items · released by worker at ");
        assertThat(_get(com.vaadin.flow.component.html.Anchor.class, spec -> spec.withId("download-bundle")).getHref())
                .isNotBlank();
        IFrame report = _get(IFrame.class, spec -> spec.withId("report-frame"));
        assertThat(report.getSrcdoc()).hasValueSatisfying(html -> assertThat(html).contains("Quality report"));
        assertThat(report.getSandbox()).hasValueSatisfying(sandbox -> assertThat(sandbox).containsExactly(IFrame.SandboxType.ALLOW_SCRIPTS));

        _get(Button.class, spec -> spec.withId("tab-datasheet")).click();
        Div datasheet = _get(Div.class, spec -> spec.withId("datasheet"));
        assertThat(_find(datasheet, H3.class)).extracting(H3::getText).containsExactly("Datasheet");
        assertThat(_find(datasheet, ListItem.class)).extracting(ListItem::getText).containsExactly("60 items");

        _get(Button.class, spec -> spec.withId("tab-manifest")).click();
        assertThat(GridKt._size(grid("manifest-files"))).isEqualTo(4);

        _get(Button.class, spec -> spec.withId("tab-diff")).click();
        @SuppressWarnings("unchecked")
        Select<Release> other = _get(Select.class, spec -> spec.withId("diff-other"));
        assertThat(other.getValue().label()).isEqualTo("1.1");
        assertThat(_get(Span.class, spec -> spec.withId("diff-added")).getText()).isEqualTo("Added: 5");
        assertThat(_get(Span.class, spec -> spec.withId("diff-removed")).getText()).isEqualTo("Removed: 10");
        assertThat(_get(Span.class, spec -> spec.withId("diff-relabelled")).getText()).isEqualTo("Relabelled: 3");
        assertThat(_get(Span.class, spec -> spec.withId("diff-tvd")).getText())
                .startsWith("Class distribution shift (total variation distance): 0.");
        assertThat(_find(Span.class, spec -> spec.withClasses("class-name"))).extracting(Span::getText)
                .containsExactly("billing", "delivery", "refund");
        assertThat(_find(Div.class, spec -> spec.withClasses("bar"))).hasSize(6);
    }

    @Test
    void shouldLetAManagerCreateATokenShownOnceGrantItAndSeeTheUsageLog() {
        signIn("manager");
        UI.getCurrent().navigate("catalog");
        _get(Button.class, spec -> spec.withId("tab-access")).click();
        String tokenName = "ui-" + System.nanoTime();
        _get(TextField.class, spec -> spec.withId("token-name")).setValue(tokenName);
        _get(Button.class, spec -> spec.withId("create-token")).click();
        String secret = _get(TextField.class, spec -> spec.withId("token-secret")).getValue();
        assertThat(secret).startsWith("rfy_");
        assertThat(tokens.principalOf(secret)).hasValue("token:" + tokenName);
        _get(Button.class, spec -> spec.withId("close-secret")).click();

        _get(TextField.class, spec -> spec.withId("grant-consumer")).setValue("token:" + tokenName);
        @SuppressWarnings("unchecked")
        Select<Catalog.DatasetEntry> dataset = _get(Select.class, spec -> spec.withId("grant-dataset"));
        dataset.setValue(dataset.getListDataView().getItems().filter(d -> d.id() == datasetId).findFirst().orElseThrow());
        _get(TextField.class, spec -> spec.withId("grant-range")).setValue("1.x");
        _get(TextField.class, spec -> spec.withId("grant-use")).setValue("router training");
        _get(Button.class, spec -> spec.withId("create-grant")).click();
        NotificationsKt.expectNotifications("token:" + tokenName + " may now read " + name + " 1.x");
        Grants.Grant grant = grants.active("token:" + tokenName).get(0);
        assertThat(grant.versionRange()).isEqualTo("1.x");
        Grid<Grants.Grant> grantGrid = grid("grant-grid");
        int row = GridKt._findAll(grantGrid).indexOf(grant);
        ((Button) GridKt._getCellComponent(grantGrid, row, "revoke")).click();
        assertThat(grants.active("token:" + tokenName)).isEmpty();

        _get(Button.class, spec -> spec.withId("tab-usage")).click();
        assertThat(grid("usage-grid")).isNotNull();
    }

    @Test
    void shouldShowAConsumerOnlyWhatItsGrantsCover() {
        signIn("consumer");
        UI.getCurrent().navigate("catalog");
        Grid<Catalog.DatasetEntry> datasets = grid("catalog-datasets");
        assertThat(GridKt._findAll(datasets)).noneMatch(d -> d.id() == datasetId);
        _assertNone(Button.class, spec -> spec.withId("create-token"));
        UI.getCurrent().navigate("catalog/release/" + v10.id());
        assertThat(_get(Span.class, spec -> spec.withId("release-error")).getText())
                .startsWith("Cannot open this release: no grant of yours covers");

        grants.create("consumer", datasetId, "1.0", "evaluation", "manager");
        UI.getCurrent().navigate("catalog");
        Grid<Catalog.DatasetEntry> granted = grid("catalog-datasets");
        Catalog.DatasetEntry mine = GridKt._findAll(granted).stream().filter(d -> d.id() == datasetId).findFirst().orElseThrow();
        assertThat(mine.releases()).extracting(Release::label).containsExactly("1.0");
    }

    @Test
    void shouldNotLetAnAnnotatorIntoTheCatalog() {
        signIn("ann1");
        assertThatThrownBy(() -> UI.getCurrent().navigate("catalog"))
                .hasRootCauseInstanceOf(com.vaadin.flow.router.AccessDeniedException.class);
    }
}
