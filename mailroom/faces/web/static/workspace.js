// The workspace's own script: kept in a file so the Content-Security-Policy forbids
// inline script. Keyboard work on the review queue arrives here.
"use strict";
