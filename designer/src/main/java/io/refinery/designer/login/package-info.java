/** The sign-in page (form login against the engine's identity service). */
package io.refinery.designer.login;
