DELETE FROM report_outputs WHERE month = $month AND territory = $territory;
