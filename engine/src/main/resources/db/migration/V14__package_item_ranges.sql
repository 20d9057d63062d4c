-- a work package is a run of its version's items in id order: the packages are cut from the items not yet in one,
-- in id order, so each package holds exactly the version's items from its first item to its last. Keeping the two
-- ids on the package replaces writing the package into every item (a million row updates to plan a million-item
-- round); item.package_id and item.position are no longer written or read. Filled here for packages cut before.
ALTER TABLE work_package ADD COLUMN first_item_id BIGINT;
ALTER TABLE work_package ADD COLUMN last_item_id BIGINT;

UPDATE work_package SET first_item_id = (SELECT MIN(i.id) FROM item i WHERE i.package_id = work_package.id),
                        last_item_id = (SELECT MAX(i.id) FROM item i WHERE i.package_id = work_package.id);

CREATE INDEX work_package_range ON work_package (version_id, first_item_id);

-- nothing reads an item's package column any more: its index only slowed every item written
DROP INDEX item_package;
