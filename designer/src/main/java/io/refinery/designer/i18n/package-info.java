/** UI texts in English and Simplified Chinese (i18n/messages*.properties). */
package io.refinery.designer.i18n;
