/** The Refinery platform application: the engine plus the Vaadin UI, one feature per sub-package. */
package io.refinery.designer;
