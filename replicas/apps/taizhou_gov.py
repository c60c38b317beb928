"""www.taizhou.gov.cn, 泰州市人民政府 (Hanweb JPaaS): the replica of sites/taizhou_gov.

政策文件解读 answers in the ``.page-content ul.lmy-list-ul > li`` variant with absolute links,
部门动态 in ``li.clearfix``; bodies sit in ``.wzzw-article``. Two columns are broken on purpose
for health tests: 规划计划 (queryData without pageId) and 图片新闻 (a pageId the API refuses).
"""

from __future__ import annotations

from replicas.apps._jpaas import JpaasApp

HOSTS = ("www.taizhou.gov.cn",)


def make_app(day: int) -> JpaasApp:
    return JpaasApp("taizhou_gov", HOSTS, day)
