/** Expert review in the browser: both answers side by side, decisions, rejections with reasons, gold items. */
package io.refinery.designer.review;
