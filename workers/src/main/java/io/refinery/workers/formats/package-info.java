/** Dataset file formats (JSONL, CSV, Parquet, COCO, YOLO, Pascal VOC, Alpaca): writers used by release, readers used by collect. */
package io.refinery.workers.formats;
