//! Locating the report body and its tables in a portal page, by a cheap byte scan,
//! before any tree is built. (Owned by the HTML front end; see `html`.)
