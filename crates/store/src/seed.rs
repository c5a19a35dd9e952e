//! Demo data drawn from the operations manual, and generated catalogs for benchmarks.

use rc_domain::Fen;
use rc_types::catalog::{Category, PlanKind};

use crate::catalog::{NewPlan, NewSolution, insert_solution, solution_name_exists};
use crate::db::DbConn;
use crate::error::StoreError;

const MAINLAND: &str = "中国大陆";
/// VAT on software products (13 %), in basis points.
const VAT_PRODUCT: i32 = 1300;
/// VAT on services (6 %), in basis points.
const VAT_SERVICE: i32 = 600;

struct DemoPlan(&'static str, &'static str, i64, PlanKind);

struct Demo {
    name: &'static str,
    vendor: &'static str,
    category: Category,
    summary: &'static str,
    description: &'static str,
    features: &'static [&'static str],
    sales: i64,
    plans: &'static [DemoPlan],
}

use Category::{BackupMigration, BusinessServices, CloudApps, Other, SecurityServices};
use PlanKind::{Product, Service};

const DEMO: &[Demo] = &[
    Demo {
        name: "CloudAtlas (Unify Cloud) 一站式上云迁移管理套件",
        vendor: "CloudAtlas",
        category: BackupMigration,
        summary: "CloudAtlas可帮助客户快速、安全、划算并合规地迁移至云端。CloudAtlas提供了对部署有旧系统的更深的了解，并对您部署的应用程序迁移至云端提供最佳实践，进一步提升业务敏捷性和灵活性。",
        description: "CloudAtlas (Unify Cloud) 覆盖上云的评估、规划、迁移与运营全过程。\n\n自动发现现有数据中心的服务器、应用与依赖关系，给出云上规格与成本建议，并按波次编排迁移任务。",
        features: &["自动发现与依赖分析", "上云成本评估", "迁移波次编排", "合规报告"],
        sales: 128,
        plans: &[
            DemoPlan("标准版", "S-CLA-BAK-PLA-P-STD-001", 995_000, Product),
            DemoPlan("企业版", "S-CLA-BAK-PLA-P-ENT-002", 1_990_000, Product),
        ],
    },
    Demo {
        name: "SaaS4Me Transport",
        vendor: "SaaS4Me",
        category: BackupMigration,
        summary: "SaaS4Me Transport 是一款 P2C (物理机到云)、V2C (虚拟机到云)、C2C (云到云) 线上及线下工作负载双向迁移的纯软件工具。",
        description: "SaaS4Me Transport 以块级复制方式在线迁移工作负载，迁移过程中业务不停机，切换窗口以分钟计。\n\n支持物理机、VMware、Hyper-V 与主流公有云之间的双向迁移，并可作为容灾方案持续复制。",
        features: &[
            "自动化：全程向导式操作，自动完成驱动适配与系统配置",
            "灵活：支持 P2C、V2C、C2C 任意方向迁移",
            "安全：传输全程加密，数据不落第三方",
            "高效：增量同步，切换停机时间以分钟计",
        ],
        sales: 96,
        plans: &[
            DemoPlan(
                "SaaS4Me Transport 迁移至 Azure（单台服务器）",
                "S-SAA-BAK-PLA-P-MIG-001",
                11_800,
                Product,
            ),
            DemoPlan(
                "SaaS4Me Transport 迁移至 Azure Stack（单台服务器）",
                "S-SAA-BAK-PLA-P-MIG-002",
                16_800,
                Product,
            ),
            DemoPlan(
                "SaaS4Me Transport DR 容灾版（年付）",
                "S-SAA-BAK-PLA-P-DR-003",
                39_800,
                Product,
            ),
        ],
    },
    Demo {
        name: "safein 安全策略管理系统",
        vendor: "safein",
        category: SecurityServices,
        summary: "国内领先的内置Ticket-system的安全策略管理系统",
        description: "safein 统一管理防火墙与网络设备的安全策略，以工单驱动策略的申请、审批、变更与审计。",
        features: &["策略可视化", "工单驱动变更", "合规审计报告"],
        sales: 40,
        plans: &[DemoPlan("标准版", "S-SAF-SEC-PLA-P-STD-001", 858_000, Product)],
    },
    Demo {
        name: "AgilePoint Cloud",
        vendor: "AgilePoint",
        category: CloudApps,
        summary: "基于Microsoft Azure构建的智能云业务流程平台，快速搭建审批、表单与自动化流程。",
        description: "AgilePoint Cloud 是运行在 Microsoft Azure 上的低代码业务流程平台。",
        features: &["低代码流程设计", "与 Office 365 集成", "移动审批"],
        sales: 72,
        plans: &[
            DemoPlan("基础版（每用户每月）", "S-AGI-CLO-PLA-P-BAS-001", 29_000, Product),
            DemoPlan("专业版（每用户每月）", "S-AGI-CLO-PLA-P-PRO-002", 45_000, Product),
        ],
    },
    Demo {
        name: "POWER365",
        vendor: "Binary Tree",
        category: BackupMigration,
        summary: "Power365®是一个SaaS（软件即服务）。它便于在 Office 365 租户之间进行迁移、整合与协同共存。",
        description: "POWERED BY BINARY TREE。适用于企业并购、拆分与重组场景下的租户到租户迁移。",
        features: &["租户到租户迁移", "邮箱与 OneDrive 同步", "迁移期间目录共存"],
        sales: 150,
        plans: &[DemoPlan(
            "每用户迁移许可",
            "S-POW-BAK-PLA-P-USR-001",
            6_420,
            Product,
        )],
    },
    Demo {
        name: "BitTitan数据迁移工具",
        vendor: "BitTitan",
        category: BackupMigration,
        summary: "数据迁移工具：邮箱、文档与协作数据迁移至 Office 365 与 Azure。",
        description: "BitTitan MigrationWiz 支持从 Exchange、G Suite、IMAP 等源迁移邮箱与文档。",
        features: &["邮箱迁移", "文档迁移", "批量任务管理"],
        sales: 210,
        plans: &[
            DemoPlan(
                "邮箱迁移许可（每用户）",
                "S-BIT-BAK-PLA-P-MBX-001",
                18_800,
                Product,
            ),
            DemoPlan(
                "用户迁移套件（每用户）",
                "S-BIT-BAK-PLA-P-UMB-002",
                26_800,
                Product,
            ),
        ],
    },
    Demo {
        name: "5Nine Cloud Manager & Security for Azure",
        vendor: "5Nine",
        category: SecurityServices,
        summary: "5Nine Cloud Manager & Security for Azure/Azure Stack：混合云统一管理与无代理安全防护。",
        description: "统一管理 Hyper-V、Azure 与 Azure Stack 资源，并提供无代理的虚拟机安全防护。",
        features: &["混合云统一管理", "无代理防病毒", "虚拟防火墙"],
        sales: 64,
        plans: &[DemoPlan("标准版", "S-BLU-BUS-PLA-P-PLAN-ABD", 10_700, Product)],
    },
    Demo {
        name: "SharePoint 企业门户快速部署套件",
        vendor: "蓝云咨询",
        category: BusinessServices,
        summary: "基于多年sharepoint项目开发的丰富经验，如推荐、审批、知识库等企业门户常用功能开箱即用。",
        description: "由蓝云咨询交付，包含门户模板、常用应用与部署实施服务。",
        features: &["门户模板", "知识库", "审批流"],
        sales: 35,
        plans: &[DemoPlan(
            "实施服务（每人天）",
            "M-BLU-BUS-PLA-S-SP-001",
            10_700,
            Service,
        )],
    },
    Demo {
        name: "听云 应用性能监控",
        vendor: "听云",
        category: CloudApps,
        summary: "国内专业的应用性能监控平台",
        description: "听云提供从移动端、浏览器到服务端的全链路应用性能监控。",
        features: &["全链路追踪", "真实用户体验监控", "告警与报表"],
        sales: 22,
        plans: &[DemoPlan(
            "企业版（年付）",
            "S-TIN-CLO-PLA-P-ENT-001",
            24_000_000,
            Product,
        )],
    },
    Demo {
        name: "ABUS",
        vendor: "ABUS",
        category: Other,
        summary: "ABUS 企业业务统一支撑平台，免费试用后按需订阅。",
        description: "ABUS 提供统一的业务数据接入与报表能力。",
        features: &["统一数据接入", "自助报表"],
        sales: 18,
        plans: &[
            DemoPlan("免费试用版", "S-ABU-OTH-PLA-P-TRY-001", 0, Product),
            DemoPlan("标准版（年付）", "S-ABU-OTH-PLA-P-STD-002", 199_900, Product),
        ],
    },
    Demo {
        name: "AP Elements Fly-Office 365 数据迁移专家",
        vendor: "AvePoint",
        category: BackupMigration,
        summary: "AP Elements Fly 将邮箱、SharePoint、OneDrive 与 Teams 数据迁移至 Office 365。",
        description: "AvePoint Fly 支持增量迁移与迁移前评估，迁移过程可视、可回溯。",
        features: &["迁移前评估", "增量迁移", "权限与元数据保留"],
        sales: 55,
        plans: &[DemoPlan("每用户许可", "S-AVE-BAK-PLA-P-USR-001", 35_000, Product)],
    },
    Demo {
        name: "InfoCore Steamer 信核业务快速恢复系统",
        vendor: "InfoCore 信核",
        category: BackupMigration,
        summary: "信核业务快速恢复系统：分钟级业务接管，保障关键系统连续运行。",
        description: "InfoCore Steamer 通过持续数据保护与虚拟化接管实现 RPO 秒级、RTO 分钟级的业务恢复。",
        features: &["持续数据保护", "分钟级接管", "异地容灾"],
        sales: 30,
        plans: &[DemoPlan(
            "单节点许可",
            "S-INF-BAK-PLA-P-NOD-001",
            1_280_000,
            Product,
        )],
    },
    Demo {
        name: "ISV回归 云上 ISV 应用合规审计",
        vendor: "SKYAUDIT",
        category: Other,
        summary: "面向 ISV 的云上应用合规回归审计服务。",
        description: "SKYAUDIT 审计团队按清单逐项检查并出具报告。",
        features: &["合规清单", "审计报告"],
        sales: 12,
        plans: &[DemoPlan(
            "审计服务（每应用）",
            "M-SKY-OTH-PLA-S-AUD-001",
            10_890,
            Service,
        )],
    },
    Demo {
        name: "\"精诚1号\"云主机",
        vendor: "精诚",
        category: CloudApps,
        summary: "高性价比的通用型云主机，按月订购。",
        description: "2 核 4 GB 起，提供 SSD 云盘与 5 Mbps 公网带宽。",
        features: &["SSD 云盘", "弹性扩容", "7×24 运维"],
        sales: 48,
        plans: &[
            DemoPlan("2 核 4 GB（月付）", "S-JCH-CLO-PLA-P-2C4-001", 59_900, Product),
            DemoPlan("4 核 8 GB（月付）", "S-JCH-CLO-PLA-P-4C8-002", 99_900, Product),
        ],
    },
    Demo {
        name: "OneSight营销云",
        vendor: "OneSight 一网互通",
        category: BusinessServices,
        summary: "一站式海外社交媒体营销管理平台。",
        description: "集中管理多个海外社交平台账号，统一发布、互动与数据分析。",
        features: &["多账号统一管理", "内容排期发布", "营销数据分析"],
        sales: 26,
        plans: &[DemoPlan(
            "企业版（年付）",
            "S-ONE-BUS-PLA-P-ENT-001",
            480_000,
            Product,
        )],
    },
    Demo {
        name: "Power BI 数据可视化咨询服务",
        vendor: "蓝云咨询",
        category: BusinessServices,
        summary: "由蓝云咨询顾问交付的 Power BI 报表设计与实施服务。",
        description: "需求调研、数据建模、报表设计与培训，一站式交付。",
        features: &["需求调研", "数据建模", "报表培训"],
        sales: 20,
        plans: &[DemoPlan(
            "实施服务（每人天）",
            "M-BLU-BUS-PLA-S-PBI-001",
            680_000,
            Service,
        )],
    },
];

fn demo_to_new(demo: &Demo) -> NewSolution {
    NewSolution {
        name: demo.name.to_owned(),
        vendor: demo.vendor.to_owned(),
        summary: demo.summary.to_owned(),
        description: demo.description.to_owned(),
        features: demo.features.iter().map(|f| (*f).to_owned()).collect(),
        category: demo.category,
        region: MAINLAND.to_owned(),
        published: true,
        extras: crate::catalog::write::SolutionExtras::default(),
        sales_count: demo.sales,
        ratings: (0, 0),
        plans: demo
            .plans
            .iter()
            .map(|DemoPlan(name, sku, fen, kind)| NewPlan {
                name: (*name).to_owned(),
                sku_code: (*sku).to_owned(),
                unit_price: Fen(*fen),
                tax_rate_bp: if *kind == Service {
                    VAT_SERVICE
                } else {
                    VAT_PRODUCT
                },
                region: MAINLAND.to_owned(),
                kind: *kind,
            })
            .collect(),
    }
}

/// Loads the demo catalog; solutions already present (by name) are left alone, so it is idempotent.
/// Returns how many solutions were inserted.
pub fn demo(conn: &mut DbConn) -> Result<usize, StoreError> {
    conn.atomic(|conn| {
        let mut inserted = 0;
        for item in DEMO {
            if !solution_name_exists(conn, item.name)? {
                insert_solution(conn, &demo_to_new(item))?;
                inserted += 1;
            }
        }
        crate::seed_storefront::demo(conn)?;
        Ok(inserted)
    })
}

/// How many generated solutions exist, so further ones can be numbered after them.
pub fn generated_count(conn: &mut DbConn) -> Result<usize, StoreError> {
    use crate::schema::solutions;
    use diesel::prelude::*;
    let count: i64 = solutions::table
        .filter(solutions::name.like("Generated Cloud Suite %"))
        .count()
        .get_result(conn)?;
    Ok(usize::try_from(count).unwrap_or(0))
}

/// Inserts `count` generated solutions (two plans each) for load tests, numbered after `start`.
pub fn generated(conn: &mut DbConn, start: usize, count: usize) -> Result<(), StoreError> {
    conn.atomic(|conn| {
        for n in start..start + count {
            let category = Category::ALL[n % Category::ALL.len()];
            let base = i64::try_from(n % 5_000).unwrap_or(0) * 100 + 990;
            insert_solution(
                conn,
                &NewSolution {
                    name: format!("Generated Cloud Suite {n:06} 云服务套件"),
                    vendor: format!("Vendor {:03}", n % 250),
                    summary: format!("生成的演示方案 {n}: 备份、迁移、安全与协同 demo workload {n}."),
                    description: "Generated for load testing.".to_owned(),
                    features: vec!["Feature A".to_owned(), "Feature B".to_owned()],
                    category,
                    region: MAINLAND.to_owned(),
                    published: true,
                    extras: crate::catalog::write::SolutionExtras::default(),
                    sales_count: i64::try_from(n % 997).unwrap_or(0),
                    ratings: (i64::try_from(n % 5).unwrap_or(0) + 1, 1),
                    plans: vec![
                        NewPlan {
                            name: "标准版".to_owned(),
                            sku_code: format!("G-{n:06}-STD"),
                            unit_price: Fen(base),
                            tax_rate_bp: VAT_PRODUCT,
                            region: MAINLAND.to_owned(),
                            kind: Product,
                        },
                        NewPlan {
                            name: "实施服务".to_owned(),
                            sku_code: format!("G-{n:06}-SVC"),
                            unit_price: Fen(base * 3),
                            tax_rate_bp: VAT_SERVICE,
                            region: MAINLAND.to_owned(),
                            kind: Service,
                        },
                    ],
                },
            )?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{get_solution, list_vendors, search_feed};
    use crate::schema::solutions;
    use diesel::prelude::*;

    fn fresh() -> (tempfile::TempDir, crate::Pool) {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::connect_pool(&format!("sqlite://{}/s.db", dir.path().display()), 2).unwrap();
        pool.get().unwrap().apply_migrations().unwrap();
        (dir, pool)
    }

    #[test]
    fn demo_is_idempotent_and_complete() {
        let (_dir, pool) = fresh();
        let mut conn = pool.get().unwrap();
        assert_eq!(demo(&mut conn).unwrap(), DEMO.len());
        assert_eq!(demo(&mut conn).unwrap(), 0);
        let (docs, removed) = search_feed(&mut conn, None).unwrap();
        assert_eq!((docs.len(), removed.len()), (DEMO.len(), 0));
        for category in Category::ALL {
            assert!(
                docs.iter().any(|d| d.doc.category == category.as_str()),
                "{category:?} is empty"
            );
        }
        assert!(
            list_vendors(&mut conn)
                .unwrap()
                .iter()
                .any(|v| v.name == "蓝云咨询" && v.solution_count == 2)
        );
    }

    #[test]
    fn detail_has_plans_cheapest_first() {
        let (_dir, pool) = fresh();
        let mut conn = pool.get().unwrap();
        demo(&mut conn).unwrap();
        let id: i64 = solutions::table
            .filter(solutions::name.eq("SaaS4Me Transport"))
            .select(solutions::id)
            .first(&mut conn)
            .unwrap();
        let detail = get_solution(&mut conn, id).unwrap();
        assert_eq!(detail.plans.len(), 3);
        assert_eq!(detail.summary.price_from.amount.to_string(), "118.00");
        assert_eq!(detail.plans[0].tax_rate.to_string(), "13.00");
    }
}
