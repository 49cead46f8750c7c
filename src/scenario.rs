//! Scenario files: the format shared by the command line, the browser and the tests.
