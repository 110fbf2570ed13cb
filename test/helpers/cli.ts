// Runs batchtop's command line from source, exactly as bin/batchtop.js runs the compiled one.
import { main } from "../../src/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
