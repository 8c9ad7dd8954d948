import { exerciseTests } from "../in-a-copy.ts";

exerciseTests({
  folder: "03-introduce-a-bug",
  title: "exercise 3, a bug of your own",
  start: { says: "naming the variant to declare", shows: ["FAIL  skip-forward is declared once", "hint: declare it in model/variant-catalog.ts"] },
  checks: 5,
});
