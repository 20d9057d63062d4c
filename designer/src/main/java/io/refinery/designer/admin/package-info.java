/** Administration page: admins list, create, edit, disable, enable and delete users, reset passwords and set role groups. */
package io.refinery.designer.admin;
