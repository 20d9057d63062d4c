package io.refinery.engine.labeling;

import static org.assertj.core.api.Assertions.assertThat;

import io.refinery.engine.HeadlessEngine;
import io.refinery.engine.dataset.DatasetRepository;
import io.refinery.engine.dataset.ItemRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A work package is a run of its version's items in id order. Two versions written at the same time get their item
 * ids interleaved, so a run of one version spans ids of the other: every read of a package (its items, answers,
 * the package of an item, the package in the item stream) must keep to its own version, and a second cut takes only
 * the items after the last package.
 */
@SpringBootTest(classes = HeadlessEngine.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refinery.data-dir=target/test-data/package-runs",
                "spring.datasource.url=jdbc:h2:mem:package-runs;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false"})
class WorkPackageRunsTest {
    @Autowired
    DatasetRepository datasets;
    @Autowired
    ItemRepository items;
    @Autowired
    WorkPackages packages;
    @Autowired
    PackageAnswers answers;

    private long version(String name) {
        return datasets.insertVersion(datasets.datasetIdFor(name + "-" + System.nanoTime(), "text-classification",
                "manager"), "{}", "manager");
    }

    /** Writes one item of {@code versionId} (text {@code text}); returns its id. */
    private long item(long versionId, String text, int line) {
        items.insertRaw(versionId, List.<Object[]>of(new Object[] {"f.jsonl", (long) line, "{\"text\":\"" + text + "\"}"}));
        long[] raw = {0};
        items.streamRaw(versionId, r -> raw[0] = r.line() == line ? r.rawItemId() : raw[0]);
        String hash = String.format("%064x", new java.math.BigInteger(1, text.getBytes()));
        items.insertItems(versionId, List.<Object[]>of(new Object[] {raw[0], null, text, hash, null, null}));
        long[] id = {0};
        items.streamItems(versionId, i -> id[0] = i.text().equals(text) ? i.itemId() : id[0]);
        return id[0];
    }

    @Test
    void packagesKeepToTheirVersionAcrossInterleavedIds() {
        long a = version("runs-a");
        long b = version("runs-b");
        List<Long> itemsOfA = new ArrayList<>();
        List<Long> itemsOfB = new ArrayList<>();
        for (int n = 1; n <= 7; n++) { // a1 b1 a2 b2 ...: ids alternate between the versions
            itemsOfA.add(item(a, "a" + n, n));
            itemsOfB.add(item(b, "b" + n, n));
        }
        assertThat(packages.createPackages(a, 3)).isEqualTo(3);
        assertThat(packages.createPackages(b, 3)).isEqualTo(3);
        assertThat(packages.createPackages(a, 3)).as("nothing left to cut").isZero();

        List<Long> seen = new ArrayList<>();
        Map<Long, Long> packageOf = new HashMap<>();
        for (long packageId : packages.packageIds(a)) {
            List<WorkPackages.PackageItem> content = packages.items(packageId);
            for (int position = 0; position < content.size(); position++) {
                assertThat(content.get(position).position()).isEqualTo(position);
                seen.add(content.get(position).itemId());
                packageOf.put(content.get(position).itemId(), packageId);
            }
            assertThat(packages.packageEntries(packageId)).extracting(WorkPackages.PackageEntry::itemId)
                    .containsExactlyElementsOf(content.stream().map(WorkPackages.PackageItem::itemId).toList());
        }
        assertThat(seen).as("each item of a once, in id order, none of b").containsExactlyElementsOf(itemsOfA);
        assertThat(packages.items(packages.packageIds(a).get(0))).hasSize(3);
        assertThat(packages.items(packages.packageIds(a).get(2))).hasSize(1);
        for (long item : itemsOfA) {
            assertThat(packages.packageOfItem(item)).contains(packageOf.get(item));
        }
        items.streamItems(a, i -> assertThat(i.packageId()).as("stream: package of " + i.itemId())
                .isEqualTo(packageOf.get(i.itemId())));

        // an answer to b's item whose id lies inside a's first package is not an answer of that package
        long firstOfA = packages.packageIds(a).get(0);
        answers.saveAnnotation(a, itemsOfA.get(0), 1, 1, "ann1", "x", "{\"label\":\"x\"}");
        answers.saveAnnotation(b, itemsOfB.get(0), 1, 1, "ann1", "x", "{\"label\":\"x\"}");
        assertThat(itemsOfB.get(0)).isBetween(itemsOfA.get(0), itemsOfA.get(2));
        assertThat(answers.annotations(firstOfA, 1)).extracting(WorkPackages.AnnotationRow::itemId)
                .containsExactly(itemsOfA.get(0));
        assertThat(answers.answeredCount(firstOfA, 1, 1)).isEqualTo(1);

        // items written after the cut go into the next packages, and only they
        long late = item(a, "a8", 8);
        assertThat(packages.createPackages(a, 3)).isEqualTo(1);
        long lastOfA = packages.packageIds(a).get(3);
        assertThat(packages.items(lastOfA)).extracting(WorkPackages.PackageItem::itemId).containsExactly(late);
    }
}
