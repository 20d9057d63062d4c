/** The frame every signed-in page shares: app name, navigation, user, language switch, logout. */
package io.refinery.designer.shell;
