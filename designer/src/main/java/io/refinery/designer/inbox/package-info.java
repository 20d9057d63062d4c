/** The signed-in user's open tasks. */
package io.refinery.designer.inbox;
