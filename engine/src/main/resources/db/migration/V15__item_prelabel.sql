-- an item's pre-label (the label a rule gave it, and the rule) in a narrow table of its own: writing it on the item
-- rewrote the whole item row (text, metadata, PII) with an undo copy of it, a million wide rows for a million items.
-- item.prelabel and item.prelabel_rule are no longer written or read. Filled here from them.
CREATE TABLE item_prelabel (
    item_id    BIGINT PRIMARY KEY REFERENCES item (id),
    version_id BIGINT NOT NULL,
    label      VARCHAR(100) NOT NULL,
    rule       VARCHAR(500)
);

INSERT INTO item_prelabel (item_id, version_id, label, rule)
SELECT id, version_id, prelabel, prelabel_rule FROM item WHERE prelabel IS NOT NULL;
