"""The pipeline's stages as plain functions: the CLI, the Airflow DAGs and the tests call these.

Each stage reads its input from the store and writes its output to the store, keyed by a run
id, and can be re-run for the same run id without duplicating rows or alerts. Only ids and
small summaries cross stage boundaries (never page bodies), so Airflow passes run ids
through XCom and nothing else.

    crawl(settings, run_id, ...)  -> crawlers.runner.crawl     (Scrapy in a subprocess)
    parse(settings, run_id)       -> opcwatch.stages.parse     (raw_pages -> document_versions)
    diff(settings, run_id)        -> opcwatch.stages.diff      (versions -> change_events)
    alert(settings, run_id, mode) -> alerts.deliver            (events -> deliveries via Apprise)
"""
