//! Demo storefront content from the manual: SaaS4Me Transport's 陕西省国家税务局 case, FAQ and
//! support; reviews; banners, ads, news, partners, brand profiles and the help center.
//! Idempotent: each part is only added while its table (or the solution's tab) is still empty.

use diesel::prelude::*;
use rc_types::catalog::{PublishState, Resource, SuccessCase, SupportInfo};
use rc_types::storefront::{
    AdInput, AdSlot, BannerInput, BrandInput, HelpPageInput, NewsInput, PartnerInput,
};

use crate::catalog::write::{refresh_ratings, to_json};
use crate::content;
use crate::db::{DbConn, now};
use crate::epochs::bump_storefront;
use crate::error::StoreError;
use crate::schema::{ads, banners, brands, help_pages, news, partners, reviews, solutions};

fn solution_id(conn: &mut DbConn, name: &str) -> Result<Option<i64>, StoreError> {
    Ok(solutions::table
        .filter(solutions::name.eq(name))
        .select(solutions::id)
        .first(conn)
        .optional()?)
}

fn saas4me_tabs(conn: &mut DbConn) -> Result<(), StoreError> {
    let Some(id) = solution_id(conn, "SaaS4Me Transport")? else {
        return Ok(());
    };
    let cases: String = solutions::table.find(id).select(solutions::cases).first(conn)?;
    if cases != "[]" {
        return Ok(());
    }
    let case = SuccessCase {
        customer: "陕西省国家税务局".to_owned(),
        about: "陕西省国家税务局负责全省国税征管与纳税服务，核心征管系统运行在自建数据中心的 VMware 虚拟化平台上。".to_owned(),
        challenges: "180 台服务器需要迁移到云平台；征管业务 7×24 小时运行，停机窗口极短；迁移过程必须保证数据安全与一致。".to_owned(),
        solution: "采用 SaaS4Me Transport 以块级增量复制将 180 台服务器（V2C）在线迁移至云端：业务不停机同步数据，按波次切换，每批切换窗口控制在分钟级。".to_owned(),
        results: "两个月内完成全部迁移，单台切换停机时间小于 10 分钟，迁移期间零数据丢失，运维成本显著下降。".to_owned(),
    };
    let resources = vec![
        Resource {
            title: "复制与恢复的速度?".to_owned(),
            body: "复制速度取决于源端磁盘与网络带宽，千兆网络下单台约 50–80 MB/s；恢复（切换）通常在 10 分钟以内完成。".to_owned(),
            url: None,
        },
        Resource {
            title: "RTO (目标恢复时间) 会保留几个 RPO (还原点)?".to_owned(),
            body: "DR 容灾版默认保留 24 个还原点（每小时一个），可在控制台调整保留策略。".to_owned(),
            url: None,
        },
        Resource {
            title: "支持哪些源平台?".to_owned(),
            body: "物理机、VMware vSphere、Hyper-V、KVM 以及主流公有云主机。".to_owned(),
            url: None,
        },
    ];
    let support = SupportInfo {
        hotline: "400-085-0139".to_owned(),
        email: "askptc@oe.21vianet.com".to_owned(),
        note: "工作日 9:00–18:00".to_owned(),
    };
    let agreement = "## 软件许可\n\n购买方获得在约定数量服务器上使用 SaaS4Me Transport 的许可。\n\n## 服务范围\n\n- 迁移软件与控制台\n- 工作日技术支持\n\n## 数据与隐私\n\n迁移数据全程加密传输，不经第三方存储。";
    diesel::update(solutions::table.find(id))
        .set((
            solutions::cases.eq(to_json(&vec![case])),
            solutions::resources.eq(to_json(&resources)),
            solutions::support.eq(to_json(&support)),
            solutions::agreement.eq(agreement),
        ))
        .execute(conn)?;
    Ok(())
}

const REVIEWS: &[(&str, &str, &str, i32, &str)] = &[
    (
        "SaaS4Me Transport",
        "王工",
        "陕西云图信息技术有限公司",
        5,
        "迁移过程业务几乎无感知，切换只用了几分钟。",
    ),
    (
        "SaaS4Me Transport",
        "李经理",
        "Heenor",
        5,
        "工具易用，技术支持响应及时。",
    ),
    (
        "SaaS4Me Transport",
        "陈工",
        "TestCompany-A",
        4,
        "整体满意，希望报表能更细一些。",
    ),
    (
        "CloudAtlas (Unify Cloud) 一站式上云迁移管理套件",
        "赵工",
        "BlueCloud_D",
        5,
        "评估报告对上云规划帮助很大。",
    ),
    (
        "CloudAtlas (Unify Cloud) 一站式上云迁移管理套件",
        "孙经理",
        "Heenor",
        4,
        "依赖分析准确，成本估算接近实际。",
    ),
    (
        "BitTitan 数据迁移工具",
        "周工",
        "TestCompany-A",
        4,
        "邮箱迁移顺利，文档清晰。",
    ),
];

fn demo_reviews(conn: &mut DbConn) -> Result<(), StoreError> {
    let existing: i64 = reviews::table.count().get_result(conn)?;
    if existing > 0 {
        return Ok(());
    }
    for (solution, author, company, rating, body) in REVIEWS {
        let Some(id) = solution_id(conn, solution)? else {
            continue;
        };
        diesel::insert_into(reviews::table)
            .values((
                reviews::solution_id.eq(id),
                reviews::author.eq(author),
                reviews::company.eq(company),
                reviews::rating.eq(rating),
                reviews::body.eq(body),
                reviews::created_at.eq(now()),
            ))
            .execute(conn)?;
    }
    refresh_ratings(conn)
}

const PUBLISHED: PublishState = PublishState::Published;

fn demo_banners(conn: &mut DbConn) -> Result<(), StoreError> {
    if banners::table.count().get_result::<i64>(conn)? == 0 {
        let saas4me = solution_id(conn, "SaaS4Me Transport")?.unwrap_or(1);
        for (position, (title, subtitle, link)) in [
            (
                "一站式上云迁移",
                "CloudAtlas 与 SaaS4Me Transport，业务不停机迁移至云端",
                "/solutions?category=backup_migration".to_owned(),
            ),
            (
                "SaaS4Me Transport 限时优惠",
                "P2C / V2C / C2C 双向迁移，单台服务器 ¥118 起",
                format!("/solutions/{saas4me}"),
            ),
            (
                "成为蓝云经销商",
                "注册并通过审核，即可享受渠道价格与账期",
                "/register".to_owned(),
            ),
        ]
        .into_iter()
        .enumerate()
        {
            content::create_banner(
                conn,
                &BannerInput {
                    title: title.to_owned(),
                    subtitle: subtitle.to_owned(),
                    image_media_id: None,
                    link,
                    position: i32::try_from(position).unwrap_or(0),
                    starts_at: None,
                    ends_at: None,
                    state: PUBLISHED,
                },
            )?;
        }
    }
    Ok(())
}

fn demo_ads_and_news(conn: &mut DbConn) -> Result<(), StoreError> {
    if ads::table.count().get_result::<i64>(conn)? == 0 {
        for (slot, title, subtitle, link) in [
            (
                AdSlot::HomeStrip,
                "安全服务专区",
                "safein 安全策略管理系统，国内领先的内置 Ticket-system",
                "/solutions?category=security_services",
            ),
            (
                AdSlot::ListSide,
                "OneSight 营销云",
                "全渠道营销自动化",
                "/solutions?q=OneSight",
            ),
            (
                AdSlot::DetailSide,
                "ONESIGHT 一网互通",
                "企业级网络互联方案",
                "/solutions?q=OneSight",
            ),
            (
                AdSlot::DetailSide,
                "待核价测试",
                "新品即将上线，敬请期待",
                "/solutions?sort=newest",
            ),
        ] {
            content::create_ad(
                conn,
                &AdInput {
                    slot,
                    title: title.to_owned(),
                    subtitle: subtitle.to_owned(),
                    image_media_id: None,
                    link: link.to_owned(),
                    position: 0,
                    state: PUBLISHED,
                },
            )?;
        }
    }
    if news::table.count().get_result::<i64>(conn)? == 0 {
        for (title, summary, body) in [
            (
                "经销商中心 2.0 公开测试版上线",
                "全新的经销商中心上线，支持优惠券、返利、账期与电子合同。",
                "## 新版亮点\n\n- 全新首页与解决方案搜索\n- 在线咨询与申请试用\n- 电子合同自动生成\n\n欢迎各位经销商体验并反馈意见。",
            ),
            (
                "SaaS4Me Transport 助力陕西省国家税务局完成 180 台服务器上云",
                "块级增量复制，业务不停机，单台切换小于 10 分钟。",
                "陕西省国家税务局借助 **SaaS4Me Transport** 完成了核心征管系统的上云迁移。\n\n详见解决方案页的成功案例。",
            ),
            (
                "云市场安全服务专区开放",
                "safein 等安全产品入驻，为企业上云保驾护航。",
                "安全服务专区现已开放，首批入驻 safein 安全策略管理系统等产品。",
            ),
        ] {
            content::create_news(
                conn,
                &NewsInput {
                    title: title.to_owned(),
                    summary: summary.to_owned(),
                    body: body.to_owned(),
                    published_at: None,
                    state: PUBLISHED,
                },
            )?;
        }
    }
    Ok(())
}

fn demo_partners_brands_help(conn: &mut DbConn) -> Result<(), StoreError> {
    if partners::table.count().get_result::<i64>(conn)? == 0 {
        for (position, name) in [
            "Microsoft Azure",
            "世纪互联",
            "BitTitan",
            "AgilePoint",
            "CloudAtlas",
            "听云",
            "5Nine",
            "Binary Tree",
        ]
        .into_iter()
        .enumerate()
        {
            content::create_partner(
                conn,
                &PartnerInput {
                    name: name.to_owned(),
                    logo_media_id: None,
                    link: None,
                    position: i32::try_from(position).unwrap_or(0),
                    state: PUBLISHED,
                },
            )?;
        }
    }
    if brands::table.count().get_result::<i64>(conn)? == 0 {
        for (name, description) in [
            ("SaaS4Me", "专注于工作负载迁移与容灾的软件厂商。"),
            ("CloudAtlas", "上云评估、规划与迁移管理平台提供商。"),
            ("BitTitan", "全球领先的邮箱与文件迁移工具厂商。"),
        ] {
            content::create_brand(
                conn,
                &BrandInput {
                    name: name.to_owned(),
                    description: description.to_owned(),
                    logo_media_id: None,
                    website: None,
                },
            )?;
        }
    }
    if help_pages::table.count().get_result::<i64>(conn)? == 0 {
        for (position, (slug, title, body)) in HELP.iter().enumerate() {
            content::create_help(
                conn,
                &HelpPageInput {
                    slug: (*slug).to_owned(),
                    title: (*title).to_owned(),
                    body: (*body).to_owned(),
                    position: i32::try_from(position).unwrap_or(0),
                    state: PUBLISHED,
                },
            )?;
        }
    }
    Ok(())
}

const HELP: &[(&str, &str, &str)] = &[
    (
        "overview",
        "产品概述",
        "经销商中心是为云经销商方便购买云解决方案和服务的一站式平台。\n\n## 主要功能\n\n- 解决方案浏览与搜索\n- 在线咨询与申请试用\n- 下单、支付与电子合同\n\n## 适用对象\n\n分销商与经销商。",
    ),
    (
        "register-login",
        "注册和登录",
        "## 用户注册\n\n### 填写公司信息\n\n公司名称、客户经理、资质文件（jpg/png/gif/bmp/pdf）。\n\n### 绑定管理员\n\n联系人、邮箱、电话、职位、地址。\n\n## 用户登录\n\n输入邮箱与密码，拖动滑块完成验证后点击【登录】。",
    ),
    (
        "consult-trial",
        "咨询与试用",
        "## 在线咨询\n\n在方案详情页点击【在线咨询】，填写服务类型、支持类别、服务主题与详情（300 字以内），可上传附件。\n\n## 申请试用\n\n点击【申请试用】，填写姓名、邮箱、电话、公司与备注。\n\n提交后运营方会在 1 个工作日内联系您。",
    ),
];

/// Loads the demo storefront content (see the module docs); returns nothing new when present.
pub fn demo(conn: &mut DbConn) -> Result<(), StoreError> {
    conn.atomic(|conn| {
        saas4me_tabs(conn)?;
        demo_reviews(conn)?;
        demo_banners(conn)?;
        demo_ads_and_news(conn)?;
        demo_partners_brands_help(conn)?;
        bump_storefront(conn)
    })
}
